import {
  AdminDeleteUserCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserDirectory } from '../application/ports.js';

/**
 * The stack's own Cognito user pool. AdminDeleteUser takes the `sub` as `Username` because the
 * pool signs in by username and has no alias attributes (API_AdminDeleteUser, "Username").
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'>,
    private readonly userPoolId: string,
  ) {}

  async deleteUser(subjectId: string): Promise<void> {
    try {
      await this.client.send(
        new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: subjectId }),
      );
    } catch (error) {
      // Deleted by an earlier, interrupted erasure (or by an administrator): the goal is reached.
      if (!(error instanceof UserNotFoundException)) {
        throw error;
      }
    }
  }
}
