import { Duration, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, type CfnKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';
import type { KeyAccess } from '../function-specs.js';
import type { DeployedKeyStrategy } from '../settings.js';

export type SubjectKeysProps = { readonly strategy: Exclude<DeployedKeyStrategy, 'kms-epoch'> };

/** What a function construct asks of the key strategy: its settings, and IAM for its access. */
export interface KeyGrants {
  readonly environment: Readonly<Record<string, string>>;
  denyKeyPolicyChanges(role: IRole): void;
  grant(role: IRole, access: KeyAccess): void;
}

/** The tag key every Ledger KMS key carries (its value names the stack and the strategy). */
export const tagKey = 'ledger:purpose';

/** Pinned logical id of the `kms-envelope` key: replacing it would make every subject unreadable. */
const envelopeKeyLogicalId = 'EnvelopeKey';

/** What each access does with the one envelope key (granted by IAM on that key's ARN). */
const envelopeActions = {
  encrypt: ['kms:GenerateDataKey'],
  decrypt: ['kms:Decrypt'],
  'encrypt-decrypt': ['kms:GenerateDataKey', 'kms:Decrypt'],
  // The envelope key serves every subject: erasure deletes the wrapped data key and never
  // disables, deletes or inspects this key.
  erase: ['kms:Decrypt'],
  sweep: [],
  rotate: [],
} as const satisfies Record<KeyAccess, readonly string[]>;

/** Which statements of a subject key's policy name a role with this access. */
const keyPolicyRoles = {
  encrypt: ['encrypt'],
  decrypt: ['decrypt'],
  'encrypt-decrypt': ['encrypt', 'decrypt'],
  erase: ['decrypt', 'retire'],
  sweep: ['retire'],
  rotate: [],
} as const satisfies Record<KeyAccess, readonly KeyUse[]>;

type KeyUse = 'decrypt' | 'encrypt' | 'retire';

const keyUseVariables = {
  decrypt: 'KMS_DECRYPT_ROLE_ARNS',
  encrypt: 'KMS_ENCRYPT_ROLE_ARNS',
  retire: 'KMS_RETIRE_ROLE_ARNS',
} as const satisfies Record<KeyUse, string>;

/** How often the sweeper looks for subject keys that no SubjectKeys record uses. */
const sweepEvery = Duration.hours(6);

/**
 * The KMS side of the personal-data keys, per strategy. `kms-key-per-subject`: functions create one
 * key per subject, whose key policy names the function roles by what they do (passed to them as
 * KMS_*_ROLE_ARNS), so IAM grants no use of any key and a key is usable the moment it exists.
 * `kms-envelope`: one stack-owned key wraps every data key. Either way no function may change a
 * key policy.
 */
export class SubjectKeys extends Construct implements KeyGrants {
  /** KEY_STRATEGY and the KMS_* settings `lambdas/config.ts` reads. */
  readonly environment: Readonly<Record<string, string>>;
  readonly envelopeKey: Key | undefined;
  private readonly aliasPrefix: string;
  private readonly tagValue: string;
  private readonly users: Record<KeyUse, string[]> = { decrypt: [], encrypt: [], retire: [] };

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
      ...(this.envelopeKey
        ? { KMS_ENVELOPE_KEY_ID: this.envelopeKey.keyArn }
        : this.keyUserEnvironment()),
    };
  }

  /** Every function role: no key policy may be replaced (it would drop the deletion guard). */
  denyKeyPolicyChanges(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['kms:PutKeyPolicy'],
        resources: ['*'],
      }),
    );
  }

  /** Grants exactly what `access` needs under the chosen strategy, and nothing on other keys. */
  grant(role: IRole, access: KeyAccess): void {
    if (this.envelopeKey) {
      const actions: readonly string[] = envelopeActions[access];
      if (actions.length > 0) {
        this.envelopeKey.grant(role, ...actions);
      }
      return;
    }
    for (const use of keyPolicyRoles[access]) {
      this.users[use].push(role.roleArn);
    }
    if (access === 'encrypt' || access === 'encrypt-decrypt') {
      for (const statement of this.keyCreation()) {
        role.addToPrincipalPolicy(statement);
      }
    }
    if (access === 'sweep') {
      // ListKeys has no resource to scope; what the sweeper may do to a key, its policy says.
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['kms:ListKeys'], resources: ['*'] }),
      );
    }
  }

  /** Runs the orphan-key sweeper on a schedule (`kms-key-per-subject` only). */
  scheduleSweeper(sweeper: IFunction & IGrantable): void {
    const rule = new Rule(this, 'SweepSchedule', {
      description: 'Retires per-subject KMS keys that no SubjectKeys record uses',
      schedule: Schedule.rate(sweepEvery),
      targets: [new LambdaFunction(sweeper, { retryAttempts: 2 })],
    });
    acknowledge(
      rule,
      'Serverless-EventBusDLQ',
      'The scheduled event carries nothing: a sweep that fails is retried twice, then the next run 6 hours later starts over; the function Errors alarm reports it.',
    );
  }

  /** Role ARN lists, resolved at synth once every function has been granted. */
  private keyUserEnvironment(): Record<string, string> {
    return Object.fromEntries(
      (Object.keys(keyUseVariables) as KeyUse[]).map((use) => [
        keyUseVariables[use],
        Lazy.string({ produce: () => Fn.join(',', this.users[use]) }),
      ]),
    );
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

  /**
   * CreateKey has no resource to scope, so the request itself must carry exactly our tag. The
   * tag grants nothing: no IAM statement is scoped by it (the key policy names the roles).
   */
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
      // Tags passed to CreateKey need TagResource in IAM on every key of the account and region.
      new PolicyStatement({
        actions: ['kms:TagResource'],
        resources: [this.arn('key', '*')],
        conditions: requestCarriesOnlyOurTag,
      }),
      // CreateAlias needs the alias in IAM; on the key it is the key policy that allows it.
      new PolicyStatement({
        actions: ['kms:CreateAlias'],
        resources: [this.arn('alias', `${this.aliasPrefix}/*`)],
      }),
    ];
  }
}
