import type { Node } from 'constructs';
import type { ExampleSubscriberSettings } from './constructs/integration-events.js';
import { listContext, originsOf, stringContext, urlsOf } from './context-values.js';

/** The key strategies a deployed stack can use (`local` is for DynamoDB Local only). */
export type DeployedKeyStrategy = 'kms-key-per-subject' | 'kms-envelope' | 'kms-epoch';

/** What the JWT authorizer trusts: an OIDC issuer whose access tokens carry `sub`. */
export interface ExternalIssuer {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** A token must carry one of these scopes (ID tokens carry none); empty: any token of the audience. */
  readonly scopes: readonly string[];
}

/** A browser client of the stack's user pool: authorization code with PKCE, and nothing else. */
export interface WebClientSettings {
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** The user pool's hosted sign-in domain, `<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
}

/** Choices for the stack's own Cognito user pool. */
export interface UserPoolSettings {
  /** TOTP: offered to every user (`optional`), or demanded at sign-in (`required`). */
  readonly mfa: 'optional' | 'required';
  /** Unset: no OAuth flow at all, only the API client's password and SRP sign-in. */
  readonly webClient: WebClientSettings | undefined;
}

/** Deployment choices, read from CDK context (`cdk deploy -c keyStrategy=kms-envelope`). */
export interface LedgerSettings {
  readonly keyStrategy: DeployedKeyStrategy;
  /** `kms-epoch`: days each epoch key wraps new data keys (`-c keyRotationDays`, 30 by default). */
  readonly keyRotationDays: number;
  /** Unset: the stack creates a Cognito user pool and app client and trusts them. */
  readonly externalIssuer: ExternalIssuer | undefined;
  readonly userPool: UserPoolSettings;
  /** Browser origins allowed by CORS; empty: no CORS, so no browser page can call the API. */
  readonly corsOrigins: readonly string[];
  /** Unset: alarms go to the stack's SNS topic with no subscriber. */
  readonly alarmEmail: string | undefined;
  /** `-c exampleSubscriber=true`: a rule sends large withdrawals to an SQS queue. Off by default. */
  readonly exampleSubscriber: ExampleSubscriberSettings | undefined;
}

const keyStrategies: readonly DeployedKeyStrategy[] = [
  'kms-key-per-subject',
  'kms-envelope',
  'kms-epoch',
];

const keyStrategyOf = (value = 'kms-key-per-subject'): DeployedKeyStrategy => {
  const strategy = keyStrategies.find((candidate) => candidate === value);
  if (!strategy) {
    throw new Error(`Context keyStrategy must be one of ${keyStrategies.join(', ')}`);
  }
  return strategy;
};

const rotationDaysOf = (node: Node, strategy: DeployedKeyStrategy): number => {
  const given = stringContext(node, 'keyRotationDays');
  if (given !== undefined && strategy !== 'kms-epoch') {
    throw new Error('Context keyRotationDays applies to keyStrategy=kms-epoch only');
  }
  const days = Number(given ?? 30);
  if (!Number.isSafeInteger(days) || days < 1 || days > 365) {
    throw new Error('Context keyRotationDays must be a whole number of days from 1 to 365');
  }
  return days;
};

const externalIssuerOf = (node: Node): ExternalIssuer | undefined => {
  const issuer = stringContext(node, 'jwtIssuer');
  const audience = listContext(node, 'jwtAudience');
  const scopes = listContext(node, 'jwtScopes');
  if (issuer === undefined && audience.length === 0 && scopes.length === 0) {
    return undefined;
  }
  if (issuer === undefined || audience.length === 0) {
    throw new Error('Context jwtIssuer and jwtAudience must be given together');
  }
  if (!issuer.startsWith('https://')) {
    throw new Error('Context jwtIssuer must be an https:// URL');
  }
  return { issuer, audience, scopes };
};

// Cognito reserves these words in a domain prefix.
const domainPrefixPattern = /^(?!.*(?:aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const webClientOf = (node: Node): WebClientSettings | undefined => {
  const callbackUrls = urlsOf(node, 'oauthCallbackUrls');
  const logoutUrls = urlsOf(node, 'oauthLogoutUrls');
  const domainPrefix = stringContext(node, 'cognitoDomainPrefix');
  if (domainPrefix === undefined) {
    if (callbackUrls.length > 0 || logoutUrls.length > 0) {
      throw new Error('Context oauthCallbackUrls and oauthLogoutUrls need cognitoDomainPrefix');
    }
    return undefined;
  }
  if (!domainPrefixPattern.test(domainPrefix)) {
    throw new Error(
      'Context cognitoDomainPrefix: lower-case letters, digits and hyphens, ' +
        'without aws, amazon or cognito',
    );
  }
  // The deployed console's own URL is always a callback (the stack adds it); these are extra.
  return { callbackUrls, logoutUrls, domainPrefix };
};

const userPoolOf = (node: Node, external: boolean): UserPoolSettings => {
  const mfa = stringContext(node, 'mfa') ?? 'optional';
  if (mfa !== 'optional' && mfa !== 'required') {
    throw new Error('Context mfa must be optional or required');
  }
  const webClient = webClientOf(node);
  if (external && (webClient !== undefined || stringContext(node, 'mfa') !== undefined)) {
    throw new Error(
      'Context mfa and oauthCallbackUrls apply to the stack user pool, not jwtIssuer',
    );
  }
  return { mfa, webClient };
};

// Minor units: 100000 is 1,000.00 in a two-decimal currency.
const defaultLargeWithdrawal = 100_000;

const thresholdOf = (value: string | undefined): number => {
  const minor = Number(value ?? defaultLargeWithdrawal);
  if (!Number.isSafeInteger(minor) || minor < 1) {
    throw new Error('Context largeWithdrawalMinor must be a whole number of minor units above 0');
  }
  return minor;
};

const exampleSubscriberOf = (node: Node): ExampleSubscriberSettings | undefined => {
  // `-c exampleSubscriber=true` gives a string; cdk.json may hold a boolean.
  const enabled = String(node.tryGetContext('exampleSubscriber') ?? false);
  const threshold = String(node.tryGetContext('largeWithdrawalMinor') ?? '') || undefined;
  if (enabled !== 'true' && enabled !== 'false') {
    throw new Error('Context exampleSubscriber must be true or false');
  }
  if (enabled === 'true') {
    return { largeWithdrawalMinor: thresholdOf(threshold) };
  }
  if (threshold !== undefined) {
    throw new Error('Context largeWithdrawalMinor needs exampleSubscriber=true');
  }
  return undefined;
};

/** Reads and validates the stack's context; unknown values fail the synth rather than deploy wrong. */
export const readSettings = (node: Node): LedgerSettings => {
  const externalIssuer = externalIssuerOf(node);
  const keyStrategy = keyStrategyOf(stringContext(node, 'keyStrategy'));
  return {
    keyStrategy,
    keyRotationDays: rotationDaysOf(node, keyStrategy),
    externalIssuer,
    userPool: userPoolOf(node, externalIssuer !== undefined),
    corsOrigins: originsOf(node, 'corsOrigins'),
    alarmEmail: stringContext(node, 'alarmEmail'),
    exampleSubscriber: exampleSubscriberOf(node),
  };
};

/** The stack name (`-c stackName=LedgerDev` deploys a second, independent copy). */
export const stackNameOf = (node: Node): string => stringContext(node, 'stackName') ?? 'Ledger';
