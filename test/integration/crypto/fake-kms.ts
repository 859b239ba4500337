import { randomBytes, randomUUID } from 'node:crypto';
import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  KMSInvalidStateException,
  KMSServiceException,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  type CreateAliasCommandInput,
  type CreateKeyCommandInput,
  type DecryptCommandInput,
  type DescribeKeyCommandInput,
  type DisableKeyCommandInput,
  type GenerateDataKeyCommandInput,
  type KeyState,
  type ListKeysCommandInput,
  type ListResourceTagsCommandInput,
  type ReEncryptCommandInput,
  type ScheduleKeyDeletionCommandInput,
  type Tag,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { lazyKms } from '../../../lambdas/crypto/kms-client.js';

export const ACCOUNT = '111122223333';
const $metadata = {};

/** KMS's unmodelled throttling error, as the SDK surfaces it. */
export const throttled = (): KMSServiceException =>
  new KMSServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata,
    message: 'Rate exceeded',
  });

interface Wrapped {
  readonly keyArn: string;
  readonly plaintext: Uint8Array;
  readonly context: string;
}

/**
 * A small model of KMS behind aws-sdk-client-mock: keys with states, aliases, and data keys that
 * only unwrap under the key and encryption context that wrapped them.
 */
export const fakeKms = () => {
  const mock = mockClient(KMSClient);
  const keys = new Map<string, KeyState>();
  /** When each key was created, and its tags (what DescribeKey and ListResourceTags answer). */
  const created = new Map<string, { readonly at: Date; readonly tags: readonly Tag[] }>();
  const clock = { now: () => new Date() };
  const aliases = new Map<string, string>();
  const wrapped = new Map<string, Wrapped>();
  const hooks: {
    beforeGenerate?: (() => Promise<void>) | undefined;
    beforeAlias?: (() => Promise<void>) | undefined;
  } = {};
  const failures = new Map<string, Error[]>();
  /** Fails the next call of a command with an error; the model answers the calls after it. */
  const failNext = (command: string, error: Error): void => {
    failures.set(command, [...(failures.get(command) ?? []), error]);
  };
  const guarded =
    <I, O>(command: string, answer: (input: I) => O) =>
    (input: I): O => {
      const error = failures.get(command)?.shift();
      if (error) {
        throw error;
      }
      return answer(input);
    };
  /** Keys of other stacks or applications: their key policies do not name our roles. */
  const foreign = new Set<string>();
  const resolve = (keyId = ''): string => {
    const arn = aliases.get(keyId) ?? keyId;
    if (!keys.has(arn)) {
      throw new NotFoundException({ message: 'No such key', $metadata });
    }
    if (foreign.has(arn)) {
      throw new KMSServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata,
        message: 'Not authorized',
      });
    }
    return arn;
  };
  const usable = (keyId: string | undefined): string => {
    const arn = resolve(keyId);
    if (keys.get(arn) === 'Disabled') {
      throw new DisabledException({ message: 'Key is disabled', $metadata });
    }
    if (keys.get(arn) !== 'Enabled') {
      throw new KMSInvalidStateException({ message: 'Key is pending deletion', $metadata });
    }
    return arn;
  };
  const createKey = (tags: readonly Tag[] = [], at = clock.now()): string => {
    const arn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${randomUUID()}`;
    keys.set(arn, 'Enabled');
    created.set(arn, { at, tags });
    return arn;
  };
  const notPending = (arn: string): void => {
    if (keys.get(arn) === 'PendingDeletion') {
      throw new KMSInvalidStateException({ message: 'Pending deletion', $metadata });
    }
  };

  mock.on(CreateKeyCommand).callsFake(
    guarded('CreateKey', ({ Tags }: CreateKeyCommandInput) => ({
      KeyMetadata: { Arn: createKey(Tags) },
    })),
  );
  mock.on(CreateAliasCommand).callsFake(
    guarded('CreateAlias', async ({ AliasName = '', TargetKeyId }: CreateAliasCommandInput) => {
      await hooks.beforeAlias?.();
      if (aliases.has(AliasName)) {
        throw new AlreadyExistsException({ message: 'Alias exists', $metadata });
      }
      aliases.set(AliasName, resolve(TargetKeyId));
      return {};
    }),
  );
  mock.on(GenerateDataKeyCommand).callsFake(
    guarded(
      'GenerateDataKey',
      async ({ KeyId, EncryptionContext }: GenerateDataKeyCommandInput) => {
        await hooks.beforeGenerate?.();
        const keyArn = usable(KeyId);
        const blob = randomBytes(64);
        const plaintext = randomBytes(32);
        const context = JSON.stringify(EncryptionContext);
        wrapped.set(blob.toString('hex'), { keyArn, plaintext, context });
        return { KeyId: keyArn, Plaintext: plaintext, CiphertextBlob: blob };
      },
    ),
  );
  mock.on(DecryptCommand).callsFake(
    guarded('Decrypt', ({ KeyId, CiphertextBlob, EncryptionContext }: DecryptCommandInput) => {
      const entry = wrapped.get(Buffer.from(CiphertextBlob ?? []).toString('hex'));
      const keyArn = usable(KeyId);
      if (entry?.keyArn !== keyArn || entry.context !== JSON.stringify(EncryptionContext)) {
        throw new InvalidCiphertextException({ message: 'Invalid ciphertext', $metadata });
      }
      return { KeyId: keyArn, Plaintext: entry.plaintext };
    }),
  );
  // ReEncrypt decrypts under the source key and context and encrypts under the destination key
  // inside KMS: the plaintext is never returned.
  mock.on(ReEncryptCommand).callsFake(
    guarded('ReEncrypt', (input: ReEncryptCommandInput) => {
      const entry = wrapped.get(Buffer.from(input.CiphertextBlob ?? []).toString('hex'));
      const source = usable(input.SourceKeyId);
      if (
        entry?.keyArn !== source ||
        entry.context !== JSON.stringify(input.SourceEncryptionContext)
      ) {
        throw new InvalidCiphertextException({ message: 'Invalid ciphertext', $metadata });
      }
      const destination = usable(input.DestinationKeyId);
      const blob = randomBytes(64);
      const context = JSON.stringify(input.DestinationEncryptionContext);
      wrapped.set(blob.toString('hex'), {
        keyArn: destination,
        plaintext: entry.plaintext,
        context,
      });
      return { CiphertextBlob: blob, KeyId: destination, SourceKeyId: source };
    }),
  );
  mock.on(DisableKeyCommand).callsFake(
    guarded('DisableKey', ({ KeyId }: DisableKeyCommandInput) => {
      const arn = resolve(KeyId);
      notPending(arn);
      keys.set(arn, 'Disabled');
      return {};
    }),
  );
  mock.on(ScheduleKeyDeletionCommand).callsFake(
    guarded(
      'ScheduleKeyDeletion',
      ({ KeyId, PendingWindowInDays }: ScheduleKeyDeletionCommandInput) => {
        const arn = resolve(KeyId);
        notPending(arn);
        keys.set(arn, 'PendingDeletion');
        const DeletionDate = new Date(
          clock.now().getTime() + (PendingWindowInDays ?? 30) * 86_400_000,
        );
        return { KeyId: arn, KeyState: 'PendingDeletion', PendingWindowInDays, DeletionDate };
      },
    ),
  );
  mock.on(DescribeKeyCommand).callsFake(
    guarded('DescribeKey', ({ KeyId }: DescribeKeyCommandInput) => {
      const arn = resolve(KeyId);
      const { at } = created.get(arn) ?? { at: new Date(0) };
      return {
        KeyMetadata: {
          KeyId: arn,
          Arn: arn,
          KeyState: keys.get(arn),
          KeyManager: 'CUSTOMER',
          CreationDate: at,
        },
      };
    }),
  );
  // Pages of `Limit` keys (KMS's default is 100), in creation order, as ListKeys pages them.
  mock.on(ListKeysCommand).callsFake(
    guarded('ListKeys', ({ Limit = 100, Marker }: ListKeysCommandInput) => {
      const all = [...keys.keys()];
      const start = Marker === undefined ? 0 : Number(Marker);
      const page = all.slice(start, start + Limit);
      const more = start + Limit < all.length;
      return {
        Keys: page.map((arn) => ({ KeyArn: arn, KeyId: arn.split('/')[1] })),
        Truncated: more,
        ...(more ? { NextMarker: String(start + Limit) } : {}),
      };
    }),
  );
  mock.on(ListResourceTagsCommand).callsFake(
    guarded('ListResourceTags', ({ KeyId }: ListResourceTagsCommandInput) => ({
      Tags: [...(created.get(resolve(KeyId))?.tags ?? [])],
      Truncated: false,
    })),
  );

  return {
    mock,
    // Built through the lazy path the functions use; mockClient stubs every KMSClient's send.
    client: lazyKms({ region: 'eu-west-1' }),
    keys,
    created,
    foreign,
    clock,
    aliases,
    hooks,
    failNext,
    createKey,
    /** The end of a deletion window: the key and everything only it could unwrap are gone. */
    deleteKey: (arn: string): void => {
      keys.delete(arn);
    },
    /** The names of the commands sent so far, in order. */
    commandNames: (): string[] =>
      mock.calls().map((call) => (call.args[0] as object).constructor.name),
    /** The input of the n-th command sent. */
    inputOf: (index: number): Record<string, unknown> =>
      (mock.call(index).args[0] as unknown as { input: Record<string, unknown> }).input,
  };
};
