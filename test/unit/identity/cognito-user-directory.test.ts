import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '../../../lambdas/identity/cognito-user-directory.js';

// No local Cognito exists, so the client is mocked; the request shape and the reaction to each
// documented error follow the API reference:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html
// ("If username isn't an alias attribute in your user pool, this value must be the sub of a local
// user"; errors include UserNotFoundException and TooManyRequestsException).
const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
const mocked = mockClient(client);
const directory = new CognitoUserDirectory(client, 'eu-west-1_AbCdEf123');
const sub = '3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e4c3b21';

afterEach(() => {
  mocked.reset();
});

describe('CognitoUserDirectory (AdminDeleteUser)', () => {
  it('deletes the user named by its sub in the stack’s own pool, in one request', async () => {
    mocked.on(AdminDeleteUserCommand).resolves({});

    await directory.deleteUser(sub);

    const calls = mocked.commandCalls(AdminDeleteUserCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ UserPoolId: 'eu-west-1_AbCdEf123', Username: sub });
  });

  it('counts a user already gone (UserNotFoundException) as deleted', async () => {
    mocked
      .on(AdminDeleteUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));

    await expect(directory.deleteUser(sub)).resolves.toBeUndefined();
  });

  it('fails on throttling (TooManyRequestsException), so the erasure stays unfinished', async () => {
    mocked
      .on(AdminDeleteUserCommand)
      .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));

    await expect(directory.deleteUser(sub)).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});
