import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AccountRecovery, FeaturePlan, UserPool, type CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { ExternalIssuer } from '../settings.js';

/** Pinned logical id: a new pool would mint new `sub` ids, and `sub` is every account's owner. */
const userPoolLogicalId = 'UserPool';

/**
 * The default identity provider: a Cognito user pool (admin-created users only) and one public app
 * client whose ID and access tokens the HTTP API's JWT authorizer accepts.
 */
export class UserPoolIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** What the authorizer trusts: this pool as issuer, this client as audience. */
  readonly trust: ExternalIssuer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.LITE,
      passwordPolicy: { minLength: 12 },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.userPool.node.defaultChild as CfnUserPool).overrideLogicalId(userPoolLogicalId);
    this.client = this.userPool.addClient('ApiClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    this.trust = {
      issuer: this.userPool.userPoolProviderUrl,
      audience: [this.client.userPoolClientId],
    };
  }
}
