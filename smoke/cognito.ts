/**
 * Signs a user in to a Cognito user pool with USER_PASSWORD_AUTH and answers the access token.
 *
 * InitiateAuth is a public, unsigned call (no IAM credentials): a JSON 1.1 POST to the regional
 * endpoint with `X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth`, the app client id,
 * and USERNAME and PASSWORD in AuthParameters. Success carries AuthenticationResult.AccessToken; a
 * user that must first change a password or answer MFA gets a ChallengeName instead; errors answer
 * 400 with `__type` (for example NotAuthorizedException, UserNotFoundException).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 */
export interface CognitoSignIn {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly region: string;
}

export interface HttpRequest {
  readonly url: string;
  readonly init: { method: 'POST'; headers: Record<string, string>; body: string };
}

export type FetchLike = (url: string, init: HttpRequest['init']) => Promise<Response>;

/** Thrown when Cognito does not hand out a token; the message never holds the password. */
export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The exact InitiateAuth request for a password sign-in. */
export const initiateAuthRequest = (signIn: CognitoSignIn): HttpRequest => {
  if (!regionPattern.test(signIn.region)) {
    throw new SignInError(`"${signIn.region}" is not an AWS region`);
  }
  return {
    url: `https://cognito-idp.${signIn.region}.amazonaws.com/`,
    init: {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: signIn.clientId,
        AuthParameters: { USERNAME: signIn.username, PASSWORD: signIn.password },
      }),
    },
  };
};

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** `__type` may carry a namespace (`com.amazonaws...#NotAuthorizedException`); keep the name. */
const errorName = (type: unknown): string =>
  typeof type === 'string' ? (type.split('#').pop() ?? type) : 'an unknown error';

/** Reads the InitiateAuth answer: the access token, or a SignInError saying what to do. */
export const accessTokenOf = (status: number, body: unknown): string => {
  const answer = record(body);
  if (status !== 200) {
    throw new SignInError(
      `Cognito refused the sign-in (${status}, ${errorName(answer['__type'])})`,
    );
  }
  const challenge = answer['ChallengeName'];
  if (typeof challenge === 'string') {
    throw new SignInError(
      `Cognito asks for the ${challenge} challenge first: finish it once (for example with ` +
        '`aws cognito-idp admin-set-user-password --permanent`), or pass --token',
    );
  }
  const token = record(answer['AuthenticationResult'])['AccessToken'];
  if (typeof token !== 'string' || token === '') {
    throw new SignInError('Cognito answered without an access token');
  }
  return token;
};

/** Signs in and answers the access token (the authorizer accepts access tokens). */
export const signInWithPassword = async (
  signIn: CognitoSignIn,
  fetchFn: FetchLike = fetch,
): Promise<string> => {
  const request = initiateAuthRequest(signIn);
  const response = await fetchFn(request.url, request.init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return accessTokenOf(response.status, body);
};
