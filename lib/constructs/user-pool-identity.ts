import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  UserPoolClientIdentityProvider,
  type CfnUserPool,
  type CfnUserPoolClient,
  type UserPoolClient,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';
import type { ExternalIssuer, UserPoolSettings, WebClientSettings } from '../settings.js';

/** Pinned logical id: a new pool would mint new `sub` ids, and `sub` is every account's owner. */
const userPoolLogicalId = 'UserPool';

const apiScope = new ResourceServerScope({
  scopeName: 'api',
  scopeDescription: 'Call the Ledger API as the signed-in user',
});

/**
 * Scopes the authorizer accepts, one of which every access token carries and no ID token does.
 * Password and SRP sign-in (InitiateAuth) cannot add custom scopes on the Lite plan, so their
 * access tokens carry only `aws.cognito.signin.user.admin`; code-grant tokens carry `ledger/api`.
 */
const acceptedScopes = ['aws.cognito.signin.user.admin', 'ledger/api'];

const tokenValidity = {
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  generateSecret: false,
} as const;

/**
 * The default identity provider: a Cognito user pool (admin-created users only, TOTP MFA) with one
 * API client for password and SRP sign-in and no OAuth flow, plus, when context names callback
 * URLs, one browser client with the authorization code grant (PKCE) and a hosted sign-in domain.
 */
export class UserPoolIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly webClient: UserPoolClient | undefined;
  /** What the authorizer trusts: this pool as issuer, its clients as audience, access tokens only. */
  readonly trust: ExternalIssuer;

  /** `consoleUrl`: the deployed console, always a callback and sign-out URL of the browser client. */
  constructor(scope: Construct, id: string, settings: UserPoolSettings, consoleUrl?: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      accountRecovery: AccountRecovery.NONE,
      // Lite: no threat protection (compromised credentials, adaptive authentication); see
      // docs/deploy.md. Plus has it, at a price per monthly active user.
      featurePlan: FeaturePlan.LITE,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: settings.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.userPool.node.defaultChild as CfnUserPool).overrideLogicalId(userPoolLogicalId);
    this.acknowledgeFindings(settings);
    const server = this.userPool.addResourceServer('LedgerApi', {
      identifier: 'ledger',
      scopes: [apiScope],
    });
    this.client = this.userPool.addClient('ApiClient', {
      ...tokenValidity,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
    });
    this.webClient =
      settings.webClient &&
      this.addWebClient(
        settings.webClient,
        server,
        consoleUrl === undefined ? [] : [`${consoleUrl}/`],
      );
    this.trust = {
      issuer: this.userPool.userPoolProviderUrl,
      audience: [this.client, this.webClient].flatMap((client) =>
        client ? [client.userPoolClientId] : [],
      ),
      scopes: acceptedScopes,
    };
  }

  private acknowledgeFindings(settings: UserPoolSettings): void {
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Lite plan by choice: no threat protection (compromised credentials, adaptive auth), as docs/deploy.md states; Plus costs per monthly active user.',
    );
    if (settings.mfa === 'optional') {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        'TOTP MFA is offered to every user (OPTIONAL); -c mfa=required demands it at sign-in, for deployments whose policy needs it.',
      );
    }
  }

  private addWebClient(
    web: WebClientSettings,
    server: UserPoolResourceServer,
    console: readonly string[],
  ): UserPoolClient {
    this.userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix: web.domainPrefix } });
    const client = this.userPool.addClient('WebClient', {
      ...tokenValidity,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.resourceServer(server, apiScope)],
        callbackUrls: [...console, ...web.callbackUrls],
        ...(web.logoutUrls.length + console.length > 0
          ? { logoutUrls: [...console, ...web.logoutUrls] }
          : {}),
      },
    });
    // No password, SRP or custom flow: a browser signs in on the hosted page and exchanges the code
    // with PKCE. Left unset, Cognito would allow SRP and custom authentication.
    (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = [
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];
    return client;
  }
}
