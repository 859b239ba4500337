import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { render, resources, synthesize } from './ledger-template.js';

const template = synthesize();
const clients = (from = template) =>
  resources(from, 'AWS::Cognito::UserPoolClient').map(([, client]) => client.Properties);

const webContext = {
  oauthCallbackUrls: 'https://app.example.com/callback',
  oauthLogoutUrls: 'https://app.example.com/',
  cognitoDomainPrefix: 'ledger-demo',
};

describe('Cognito app client', () => {
  it('has one client by default, with password and SRP sign-in and no OAuth flow', () => {
    // CDK's defaults would be the implicit and code grants, every scope and https://example.com.
    expect(clients()).toHaveLength(1);
    expect(clients()[0]).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    for (const property of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs']) {
      expect(clients()[0]).not.toHaveProperty(property);
    }
    expect(clients()[0]?.['AllowedOAuthFlowsUserPoolClient']).not.toBe(true);
  });

  it('adds a browser client with the authorization code grant only, to the console and the given callback', () => {
    const web = clients(synthesize(webContext)).find(
      (client) => client['AllowedOAuthFlowsUserPoolClient'] === true,
    );

    // Public client (no secret): the browser must use PKCE on the code grant.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
    expect(web).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    // The deployed console (CloudFront) comes first; context's URLs follow.
    const consoleUrl = 'https://{ConsoleDistribution022D3262.DomainName}/';
    expect((web?.['CallbackURLs'] as unknown[]).map(render)).toEqual([
      consoleUrl,
      'https://app.example.com/callback',
    ]);
    expect((web?.['LogoutURLs'] as unknown[]).map(render)).toEqual([
      consoleUrl,
      'https://app.example.com/',
    ]);
    // The resource server's Ref is its identifier, `ledger`: the scope is `ledger/api`.
    expect((web?.['AllowedOAuthScopes'] as unknown[]).map(render)).toEqual([
      'openid',
      expect.stringMatching(/^\{IdentityUserPoolLedgerApi\w+\}\/api$/),
    ]);
    // Unset, ExplicitAuthFlows would allow SRP and custom authentication:
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
    expect(web?.['ExplicitAuthFlows']).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('gives the browser client a hosted sign-in domain', () => {
    synthesize(webContext).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'ledger-demo',
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
  });

  it('declares the ledger/api scope that browser access tokens carry', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'ledger',
      Scopes: [{ ScopeName: 'api', ScopeDescription: Match.anyValue() }],
    });
  });
});

describe('Cognito user pool', () => {
  const pool = (from = template) =>
    resources(from, 'AWS::Cognito::UserPool')[0]?.[1].Properties ?? {};

  it('demands 12 characters from every character class', () => {
    expect(pool()['Policies']).toEqual({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
  });

  it('offers TOTP to every user and never SMS', () => {
    expect(pool()).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('requires TOTP at sign-in under -c mfa=required', () => {
    expect(pool(synthesize({ mfa: 'required' }))).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('stays on the Lite plan, admin-created users only, no account recovery', () => {
    expect(pool()).toMatchObject({
      UserPoolTier: 'LITE',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
    });
  });
});
