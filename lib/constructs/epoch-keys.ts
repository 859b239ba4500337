import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, type CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';
import type { KeyAccess } from '../function-specs.js';
import type { KeyGrants } from './subject-keys.js';

export interface EpochKeysProps {
  readonly tagKey: string;
  /** Days an epoch key wraps new data keys (`-c keyRotationDays`). */
  readonly rotationDays: number;
}

/** Pinned: the first epoch's key; replacing it would leave live subjects wrapped under a lost key. */
const firstKeyLogicalId = 'FirstEpochKey';

/** How often the rotation runs: it rotates when due and otherwise resumes what is unfinished. */
export const rotationRate = Duration.hours(1);

/** What each access may do with an epoch key (IAM, on keys tagged as this stack's epoch keys). */
const useActions = {
  encrypt: ['kms:GenerateDataKey'],
  decrypt: ['kms:Decrypt'],
  'encrypt-decrypt': ['kms:GenerateDataKey', 'kms:Decrypt'],
  erase: ['kms:Decrypt'],
  sweep: [],
  rotate: ['kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey'],
} as const satisfies Record<KeyAccess, readonly string[]>;

/**
 * `kms-epoch` on AWS (ADR 0153): the stack creates the first epoch's key, so the stack serves from
 * its first request and no command function may create keys; the scheduled RotateKeyEpoch function
 * creates each later one. Every function uses epoch keys through IAM, only on keys that carry this
 * stack's tag (https://docs.aws.amazon.com/kms/latest/developerguide/tag-authorization.html); the
 * keys keep the default key policy, which lets IAM policies of the account allow their use.
 */
export class EpochKeys extends Construct implements KeyGrants {
  readonly firstKey: Key;
  readonly environment: Readonly<Record<string, string>>;
  private readonly tagKey: string;
  private readonly tagValue: string;

  constructor(scope: Construct, id: string, props: EpochKeysProps) {
    super(scope, id);
    this.tagKey = props.tagKey;
    this.tagValue = `epoch-key/${Stack.of(this).stackName}`;
    this.firstKey = new Key(this, 'FirstKey', {
      description: 'Ledger: epoch 1 of the kms-epoch strategy (RotateKeyEpoch deletes it later)',
      // Meaningless for a key that lives one epoch, but never harmful: the epochs are the rotation.
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.firstKey.node.defaultChild as CfnKey).overrideLogicalId(firstKeyLogicalId);
    Tags.of(this.firstKey).add(this.tagKey, this.tagValue);
    Tags.of(this.firstKey).add('ledger:epoch', '1');
    this.environment = {
      KEY_STRATEGY: 'kms-epoch',
      KMS_TAG_KEY: this.tagKey,
      KMS_TAG_VALUE: this.tagValue,
      KMS_FIRST_EPOCH_KEY_ID: this.firstKey.keyArn,
      KEY_EPOCH_DAYS: String(props.rotationDays),
    };
  }

  /** Every function role: no key policy may be replaced (the rotation owns the epoch keys). */
  denyKeyPolicyChanges(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.DENY, actions: ['kms:PutKeyPolicy'], resources: ['*'] }),
    );
  }

  /** Grants what `access` does with epoch keys, on this stack's tagged keys only. */
  grant(role: IRole, access: KeyAccess): void {
    const actions: readonly string[] = useActions[access];
    if (actions.length > 0) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...actions],
          resources: [this.anyKey()],
          conditions: { StringEquals: { [`aws:ResourceTag/${this.tagKey}`]: this.tagValue } },
        }),
      );
    }
    if (access === 'rotate') {
      for (const statement of this.keyCreation()) {
        role.addToPrincipalPolicy(statement);
      }
    }
  }

  /**
   * Runs the rotation every hour through EventBridge Scheduler. Scheduler retries a failed
   * delivery twice within an hour, then drops it in the queue; Lambda does not retry a failed run
   * (the next hourly run is the retry) and sends its record to the same queue.
   */
  scheduleRotation(rotator: IFunction): Queue {
    const failed = new Queue(this, 'RotationFailures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const isTheDeadLetterQueue =
      'This queue is itself the dead-letter queue of the rotation schedule and the on-failure destination of its runs; the alarm on its depth reports them.';
    acknowledge(failed, 'AwsSolutions-SQS3', isTheDeadLetterQueue);
    acknowledge(failed, 'Serverless-SQSRedrivePolicy', isTheDeadLetterQueue);
    rotator.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: rotationRate,
      onFailure: new SqsDestination(failed),
    });
    new Schedule(this, 'RotationSchedule', {
      description: 'Rotates the kms-epoch key when due and finishes a rotation in progress',
      schedule: ScheduleExpression.rate(rotationRate),
      target: new LambdaInvoke(rotator, {
        role: this.schedulerRole(rotator),
        retryAttempts: 2,
        maxEventAge: rotationRate,
        deadLetterQueue: failed,
      }),
    });
    return failed;
  }

  /** The schedule's own role, assumable by Scheduler for this account only (confused deputy). */
  private schedulerRole(rotator: IFunction): Role {
    const stack = Stack.of(this);
    const role = new Role(this, 'RotationScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const fnId = stack.getLogicalId(rotator.node.defaultChild as CfnFunction);
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      'lambda:InvokeFunction on the rotation function and its versions (grantInvoke), nothing else.',
    );
    return role;
  }

  private anyKey(): string {
    return Stack.of(this).formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
  }

  /**
   * CreateKey has no resource to scope, so the request itself must carry exactly our two tags;
   * tags given to CreateKey also need kms:TagResource
   * (https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html).
   */
  private keyCreation(): PolicyStatement[] {
    const requestCarriesOurTags = {
      StringEquals: { [`aws:RequestTag/${this.tagKey}`]: this.tagValue },
      'ForAllValues:StringEquals': { 'aws:TagKeys': [this.tagKey, 'ledger:epoch'] },
    };
    return [
      new PolicyStatement({
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: requestCarriesOurTags,
      }),
      new PolicyStatement({
        actions: ['kms:TagResource'],
        resources: [this.anyKey()],
        conditions: requestCarriesOurTags,
      }),
    ];
  }
}
