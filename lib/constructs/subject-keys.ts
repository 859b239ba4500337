import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, type CfnKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyAccess } from '../../lambdas/http/routes.js';
import type { DeployedKeyStrategy } from '../settings.js';

export interface SubjectKeysProps {
  readonly strategy: DeployedKeyStrategy;
}

/** Pinned logical id of the `kms-envelope` key: replacing it would make every subject unreadable. */
const envelopeKeyLogicalId = 'EnvelopeKey';

const tagKey = 'ledger:purpose';

const keyActions = {
  encrypt: ['kms:GenerateDataKey'],
  decrypt: ['kms:Decrypt'],
  'encrypt-decrypt': ['kms:GenerateDataKey', 'kms:Decrypt'],
  // DescribeKey: a retried erasure confirms that the key is already pending deletion.
  erase: ['kms:Decrypt', 'kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey'],
} as const satisfies Record<KeyAccess, readonly string[]>;

const retiring: readonly string[] = [
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:DescribeKey',
];

const createsKeys = (access: KeyAccess): boolean =>
  access === 'encrypt' || access === 'encrypt-decrypt';

/**
 * The KMS side of the personal-data keys, per strategy. `kms-key-per-subject`: functions create one
 * key per subject, and IAM lets them touch only keys carrying this stack's tag (ABAC), so they
 * cannot use any other key in the account. `kms-envelope`: one stack-owned key wraps every data key.
 */
export class SubjectKeys extends Construct {
  /** KEY_STRATEGY and the KMS_* settings `lambdas/config.ts` reads. */
  readonly environment: Readonly<Record<string, string>>;
  readonly envelopeKey: Key | undefined;
  private readonly aliasPrefix: string;
  private readonly tagValue: string;

  constructor(scope: Construct, id: string, props: SubjectKeysProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    // Scoped per stack, so a dev stack's functions cannot use a prod stack's subject keys.
    this.aliasPrefix = `ledger-subject/${stackName}`;
    this.tagValue = `subject-data-key/${stackName}`;
    this.envelopeKey = props.strategy === 'kms-envelope' ? this.createEnvelopeKey() : undefined;
    this.environment = {
      KEY_STRATEGY: props.strategy,
      // The policy of each subject key names the account root (lambdas/crypto).
      AWS_ACCOUNT_ID: Stack.of(this).account,
      KMS_ALIAS_PREFIX: this.aliasPrefix,
      KMS_TAG_KEY: tagKey,
      KMS_TAG_VALUE: this.tagValue,
      ...(this.envelopeKey ? { KMS_ENVELOPE_KEY_ID: this.envelopeKey.keyArn } : {}),
    };
  }

  /** Grants exactly what `access` needs under the chosen strategy, and nothing on other keys. */
  grant(grantee: IGrantable, access: KeyAccess): void {
    if (this.envelopeKey) {
      // The envelope key serves every subject: erasure deletes the wrapped data key instead of
      // retiring this key, so no function may disable, delete or inspect it.
      const actions = keyActions[access].filter((action) => !retiring.includes(action));
      this.envelopeKey.grant(grantee, ...actions);
      return;
    }
    const principal = grantee.grantPrincipal;
    principal.addToPrincipalPolicy(this.onTaggedKeys([...keyActions[access]]));
    if (createsKeys(access)) {
      for (const statement of this.keyCreation()) {
        principal.addToPrincipalPolicy(statement);
      }
    }
  }

  private createEnvelopeKey(): Key {
    const key = new Key(this, 'EnvelopeKey', {
      description: 'Ledger: wraps every data subject key (kms-envelope strategy)',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (key.node.defaultChild as CfnKey).overrideLogicalId(envelopeKeyLogicalId);
    return key;
  }

  private arn(resource: 'key' | 'alias', name: string): string {
    return Stack.of(this).formatArn({ service: 'kms', resource, resourceName: name });
  }

  private onTaggedKeys(actions: string[]): PolicyStatement {
    return new PolicyStatement({
      actions,
      resources: [this.arn('key', '*')],
      conditions: { StringEquals: { [`aws:ResourceTag/${tagKey}`]: this.tagValue } },
    });
  }

  /** CreateKey has no resource to scope, so the request itself must carry exactly our tag. */
  private keyCreation(): PolicyStatement[] {
    const requestCarriesOnlyOurTag = {
      StringEquals: { [`aws:RequestTag/${tagKey}`]: this.tagValue },
      'ForAllValues:StringEquals': { 'aws:TagKeys': [tagKey] },
    };
    return [
      new PolicyStatement({
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: requestCarriesOnlyOurTag,
      }),
      // Tags passed to CreateKey need TagResource on every key of the account and region.
      new PolicyStatement({
        actions: ['kms:TagResource'],
        resources: [this.arn('key', '*')],
        conditions: requestCarriesOnlyOurTag,
      }),
      // CreateAlias is authorised on both the alias and the key it points to.
      new PolicyStatement({
        actions: ['kms:CreateAlias'],
        resources: [this.arn('alias', `${this.aliasPrefix}/*`)],
      }),
      this.onTaggedKeys(['kms:CreateAlias']),
    ];
  }
}
