import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lambdas/http/routes.js';
import { functionLogicalId, resources, synthesize } from './ledger-template.js';

const template = synthesize();

const integrationTarget = (integrationId: string): unknown =>
  resources(template, 'AWS::ApiGatewayV2::Integration').find(([id]) => id === integrationId)?.[1]
    .Properties['IntegrationUri'];

describe('HTTP API', () => {
  const apiRoutes = resources(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
  const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));

  it('has exactly the routes of the route table', () => {
    expect(apiRoutes.map((route) => route['RouteKey']).sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });

  it('puts every route behind the JWT authorizer', () => {
    expect(apiRoutes).toHaveLength(routes.length);
    for (const route of apiRoutes) {
      expect(route).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'sends %s to its own function',
    (routeKey, route) => {
      const apiRoute = apiRoutes.find((r) => r['RouteKey'] === routeKey);
      const target = (apiRoute?.['Target'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      const integrationId = (target[1] as { Ref: string }).Ref;

      expect(integrationTarget(integrationId)).toEqual({
        'Fn::GetAtt': [functionLogicalId(template, route.id), 'Arn'],
      });
    },
  );

  it('passes the version 2.0 event, as the local server does', () => {
    for (const [, integration] of resources(template, 'AWS::ApiGatewayV2::Integration')) {
      expect(integration.Properties['PayloadFormatVersion']).toBe('2.0');
    }
  });

  it('trusts the stack user pool and its app client by default', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': ['UserPool', 'ProviderURL'] },
        Audience: [{ Ref: Match.stringLikeRegexp('^IdentityUserPoolApiClient') }],
      },
    });
  });

  it('lets only admins create users, with password and SRP sign-in', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
  });

  it('throttles the stage and logs access with a retention', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
    });
  });

  it('keeps source IPs and user agents out of the access log', () => {
    const [, stage] = resources(template, 'AWS::ApiGatewayV2::Stage')[0] ?? [];
    const format = (stage?.Properties['AccessLogSettings'] as { Format: string }).Format;

    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/sourceIp|userAgent/);
  });
});

describe('HTTP API with an external issuer', () => {
  const template = synthesize({
    jwtIssuer: 'https://issuer.example.com/',
    jwtAudience: 'ledger-api, ledger-cli',
  });

  it('trusts that issuer and audience instead of a user pool', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Issuer: 'https://issuer.example.com/',
        Audience: ['ledger-api', 'ledger-cli'],
      },
    });
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  it('outputs no user pool ids', () => {
    expect(Object.keys(template.findOutputs('*'))).not.toContain('UserPoolId');
    template.hasOutput('JwtIssuer', { Value: 'https://issuer.example.com/' });
  });
});
