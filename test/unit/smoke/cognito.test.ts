import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessTokenOf,
  initiateAuthRequest,
  signInWithPassword,
  SignInError,
  type HttpRequest,
} from '../../../smoke/cognito.js';

// Cognito cannot run here, so these tests pin the request InitiateAuth documents and our reaction to
// each documented answer:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
const signIn = {
  username: 'smoke-1',
  password: 'a-long-passphrase-42',
  clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
  region: 'eu-west-1',
};

const answering =
  (status: number, body: unknown, seen: HttpRequest[] = []) =>
  (url: string, init: HttpRequest['init']) => {
    seen.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };

describe('signing in with USER_PASSWORD_AUTH', () => {
  it('posts the documented unsigned JSON 1.1 InitiateAuth request to the regional endpoint', () => {
    const request = initiateAuthRequest(signIn);

    expect(request.url).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(JSON.parse(request.init.body)).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: '3n4b5urk1ft4fl3mg5e62d9ado',
      AuthParameters: { USERNAME: 'smoke-1', PASSWORD: 'a-long-passphrase-42' },
    });
  });

  it('answers the access token (not the ID token) of AuthenticationResult', async () => {
    const seen: HttpRequest[] = [];
    const token = await signInWithPassword(
      signIn,
      answering(
        200,
        { AuthenticationResult: { AccessToken: 'access.jwt', IdToken: 'id.jwt', ExpiresIn: 3600 } },
        seen,
      ),
    );

    expect(token).toBe('access.jwt');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(initiateAuthRequest(signIn));
  });

  it('explains a NEW_PASSWORD_REQUIRED challenge instead of returning no token', async () => {
    const pending = signInWithPassword(
      signIn,
      answering(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }),
    );

    await expect(pending).rejects.toThrow(SignInError);
    await expect(pending).rejects.toThrow(/NEW_PASSWORD_REQUIRED challenge/);
  });

  it('names the error type of a refusal and never the password', async () => {
    const pending = signInWithPassword(
      signIn,
      answering(400, {
        __type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      }),
    );

    await expect(pending).rejects.toThrow(
      'Cognito refused the sign-in (400, NotAuthorizedException)',
    );
    await expect(pending).rejects.not.toThrow(/passphrase/);
  });

  it('strips the namespace of a qualified __type', () => {
    expect(() =>
      accessTokenOf(400, { __type: 'com.amazonaws.cognito#UserNotFoundException' }),
    ).toThrow('(400, UserNotFoundException)');
  });

  it('refuses a success without an access token, or a body that is not JSON', async () => {
    expect(() => accessTokenOf(200, { AuthenticationResult: {} })).toThrow(SignInError);
    const notJson = () => Promise.resolve(new Response('<html>', { status: 502 }));
    await expect(signInWithPassword(signIn, notJson)).rejects.toThrow('(502, an unknown error)');
  });

  it('refuses a region that could point the password at another host', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'evil.com/x',
          'eu-west-1.evil.com#',
          '',
          'EU-WEST-1',
          'eu-west-1/',
          'us east 1',
        ),
        (region) => {
          expect(() => initiateAuthRequest({ ...signIn, region })).toThrow(SignInError);
        },
      ),
    );
  });
});
