import type { Node } from 'constructs';

/** The key strategies a deployed stack can use (`local` is for DynamoDB Local only). */
export type DeployedKeyStrategy = 'kms-key-per-subject' | 'kms-envelope';

/** An identity provider the stack does not own: any OIDC issuer whose JWTs carry `sub`. */
export interface ExternalIssuer {
  readonly issuer: string;
  readonly audience: readonly string[];
}

/** Deployment choices, read from CDK context (`cdk deploy -c keyStrategy=kms-envelope`). */
export interface LedgerSettings {
  readonly keyStrategy: DeployedKeyStrategy;
  /** Unset: the stack creates a Cognito user pool and app client and trusts them. */
  readonly externalIssuer: ExternalIssuer | undefined;
  /** Unset: alarms go to the stack's SNS topic with no subscriber. */
  readonly alarmEmail: string | undefined;
}

const keyStrategies: readonly DeployedKeyStrategy[] = ['kms-key-per-subject', 'kms-envelope'];

const stringContext = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new Error(`Context ${key} must be a string`);
  }
  return value;
};

const keyStrategyOf = (value = 'kms-key-per-subject'): DeployedKeyStrategy => {
  const strategy = keyStrategies.find((candidate) => candidate === value);
  if (!strategy) {
    throw new Error(`Context keyStrategy must be one of ${keyStrategies.join(', ')}`);
  }
  return strategy;
};

const externalIssuerOf = (node: Node): ExternalIssuer | undefined => {
  const issuer = stringContext(node, 'jwtIssuer');
  const audience = (stringContext(node, 'jwtAudience') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (issuer === undefined && audience.length === 0) {
    return undefined;
  }
  if (issuer === undefined || audience.length === 0) {
    throw new Error('Context jwtIssuer and jwtAudience must be given together');
  }
  if (!issuer.startsWith('https://')) {
    throw new Error('Context jwtIssuer must be an https:// URL');
  }
  return { issuer, audience };
};

/** Reads and validates the stack's context; unknown values fail the synth rather than deploy wrong. */
export const readSettings = (node: Node): LedgerSettings => ({
  keyStrategy: keyStrategyOf(stringContext(node, 'keyStrategy')),
  externalIssuer: externalIssuerOf(node),
  alarmEmail: stringContext(node, 'alarmEmail'),
});

/** The stack name (`-c stackName=LedgerDev` deploys a second, independent copy). */
export const stackNameOf = (node: Node): string => stringContext(node, 'stackName') ?? 'Ledger';
