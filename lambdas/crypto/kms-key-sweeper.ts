import { systemClock, type Clock } from '../application/ports.js';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KeyStoreIntegrityError } from './errors.js';
import type { Kms } from './kms-client.js';
import { retireKmsKey } from './kms-key-retirement.js';
import { kmsCall } from './kms-support.js';

/** Keys younger than this may still be on their way into SubjectKeys (Lambda runs 15 min at most). */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

const keyArnPattern = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export interface KeySweeperOptions {
  readonly kms: Kms;
  readonly documentClient: DynamoDBDocumentClient;
  readonly subjectKeysTable: string;
  readonly tagKey: string;
  readonly tagValue: string;
  readonly clock?: Clock;
  /** Stops listing (the next run resumes) when aborted, e.g. before the Lambda timeout. */
  readonly signal?: AbortSignal;
  /** Items per SubjectKeys scan page (DynamoDB's 1 MB page by default); for tests. */
  readonly scanPageSize?: number;
}

/** What one sweep saw and did; key ARNs are not personal data. */
export interface SweepReport {
  readonly keysListed: number;
  readonly keysInUse: number;
  readonly retired: readonly string[];
  readonly complete: boolean;
}

/**
 * The master key of every subject whose data key is still usable (ConsistentRead, every page).
 * A reference that is not a KMS key ARN stops the sweep: it must never guess what is in use.
 */
export const keysInUse = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  pageSize?: number,
): Promise<Set<string>> => {
  const inUse = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ProjectionExpression: 'keyRef, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExclusiveStartKey: startKey,
        ...(pageSize === undefined ? {} : { Limit: pageSize }),
      }),
    );
    for (const item of page.Items ?? []) {
      if (item['status'] !== 'active') {
        continue;
      }
      const keyRef: unknown = item['keyRef'];
      if (typeof keyRef !== 'string' || !keyArnPattern.test(keyRef)) {
        throw new KeyStoreIntegrityError('An active SubjectKeys item names no KMS key ARN');
      }
      inUse.add(keyRef);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return inUse;
};

/**
 * Retires the per-subject KMS keys that no SubjectKeys record uses: the key of a writer that lost
 * the race for a subject, of a creation that failed or crashed after CreateKey, of an erasure won
 * by a concurrent first use. Only this stack's keys (its tag, and a policy that lets this role act),
 * only keys older than {@link SWEEP_GRACE_MS}, only after a complete consistent read of SubjectKeys.
 * Idempotent: a key already pending deletion is left alone.
 */
export const sweepOrphanKeys = async (options: KeySweeperOptions): Promise<SweepReport> => {
  const clock = options.clock ?? systemClock;
  const cutoff = clock.now().getTime() - SWEEP_GRACE_MS;
  // Read after the cutoff: any key created before it was recorded (or never will be) by now.
  const inUse = await keysInUse(
    options.documentClient,
    options.subjectKeysTable,
    options.scanPageSize,
  );
  const retired: string[] = [];
  let keysListed = 0;
  let marker: string | undefined;
  do {
    if (options.signal?.aborted === true) {
      return { keysListed, keysInUse: inUse.size, retired, complete: false };
    }
    const page = await listKeys(options.kms, marker);
    for (const keyArn of page.keyArns) {
      keysListed += 1;
      if (!inUse.has(keyArn) && (await isOrphan(options, keyArn, cutoff))) {
        await retireKmsKey(options.kms, keyArn);
        retired.push(keyArn);
      }
    }
    marker = page.next;
  } while (marker !== undefined);
  return { keysListed, keysInUse: inUse.size, retired, complete: true };
};

/** One ListKeys page (1000 keys, the most KMS returns) and the marker of the next, if any. */
const listKeys = async (
  kms: Kms,
  marker: string | undefined,
): Promise<{ keyArns: string[]; next: string | undefined }> => {
  const { client, sdk } = await kms();
  const page = await kmsCall('ListKeys', () =>
    client.send(new sdk.ListKeysCommand({ Limit: 1000, Marker: marker })),
  );
  return {
    keyArns: (page.Keys ?? []).flatMap(({ KeyArn }) => (KeyArn === undefined ? [] : [KeyArn])),
    next: page.Truncated === true ? page.NextMarker : undefined,
  };
};

const retirable = (metadata: KeyMetadata | undefined, cutoff: number): boolean =>
  metadata?.KeyManager === 'CUSTOMER' &&
  (metadata.KeyState === 'Enabled' || metadata.KeyState === 'Disabled') &&
  metadata.CreationDate !== undefined &&
  metadata.CreationDate.getTime() < cutoff;

/** A key of this stack, old enough, not yet pending deletion. Any other key is not ours to judge. */
const isOrphan = async (
  options: KeySweeperOptions,
  keyArn: string,
  cutoff: number,
): Promise<boolean> => {
  const { client, sdk } = await options.kms();
  // Another stack's or application's key: its policy does not name this role (AccessDenied).
  const described = await kmsCall('DescribeKey', () =>
    client.send(new sdk.DescribeKeyCommand({ KeyId: keyArn })),
  ).catch(() => undefined);
  if (!retirable(described?.KeyMetadata, cutoff)) {
    return false;
  }
  const { Tags } = await kmsCall('ListResourceTags', () =>
    client.send(new sdk.ListResourceTagsCommand({ KeyId: keyArn })),
  );
  return (Tags ?? []).some(
    ({ TagKey, TagValue }) => TagKey === options.tagKey && TagValue === options.tagValue,
  );
};
