import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/function-specs.js';
import { functionLogicalId, render, resources, synthesize } from './ledger-template.js';

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

  it('also trusts the browser client when there is one', () => {
    synthesize({
      oauthCallbackUrls: 'https://app.example.com/callback',
      cognitoDomainPrefix: 'ledger-demo',
    }).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Audience: [
          { Ref: Match.stringLikeRegexp('^IdentityUserPoolApiClient') },
          { Ref: Match.stringLikeRegexp('^IdentityUserPoolWebClient') },
        ],
      },
    });
  });

  // An ID token's `aud` is the client id too, so audience alone accepts ID tokens; a route scope
  // does not, since ID tokens carry no `scope` claim. InitiateAuth access tokens carry only
  // aws.cognito.signin.user.admin; code-grant ones carry the resource server's ledger/api.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
  // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
  it('accepts access tokens only: every route requires a scope no ID token carries', () => {
    for (const route of apiRoutes) {
      expect(route['AuthorizationScopes']).toEqual(['aws.cognito.signin.user.admin', 'ledger/api']);
    }
  });

  // ApiEndpoint is `https://abcdef.execute-api.us-west-2.amazonaws.com`, no trailing slash; the
  // $default stage's URL (the old output) ends in `/`, so "$API/accounts" became `//accounts`.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
  it('outputs the URL without a trailing slash, so "$API/accounts" is one path', () => {
    const [apiId] = resources(template, 'AWS::ApiGatewayV2::Api')[0] ?? [];

    expect(render(template.findOutputs('ApiUrl')['ApiUrl']?.['Value'])).toBe(
      `{${String(apiId)}.ApiEndpoint}`,
    );
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

describe('HTTP API edge limits', () => {
  const stage = () => resources(template, 'AWS::ApiGatewayV2::Stage')[0]?.[1].Properties ?? {};

  // Route-level limits apply to all callers of a route together; HTTP APIs have no usage plans or
  // API keys, so no limit per client exists at this edge.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
  it.each([
    ['POST /accounts', 5, 10],
    ['DELETE /me/personal-data', 2, 5],
    ['GET /accounts/{id}/events', 20, 40],
    ['GET /accounts/{id}/state', 20, 40],
    ['POST /transfers', 20, 40],
  ])(
    'limits the expensive route %s to %i requests per second, burst %i',
    (routeKey, rate, burst) => {
      expect((stage()['RouteSettings'] as Record<string, unknown>)[routeKey]).toEqual({
        ThrottlingRateLimit: rate,
        ThrottlingBurstLimit: burst,
      });
    },
  );

  it('names only routes that exist in its route settings', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);

    for (const routeKey of Object.keys(stage()['RouteSettings'] as object)) {
      expect(keys).toContain(routeKey);
    }
  });

  it('has no CORS unless origins are given', () => {
    const [, api] = resources(template, 'AWS::ApiGatewayV2::Api')[0] ?? [];

    expect(api?.Properties).not.toHaveProperty('CorsConfiguration');
  });

  // API Gateway answers preflight OPTIONS itself, before the authorizer, once CORS is configured.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
  it('allows exactly the given origins, the methods and headers the routes use', () => {
    synthesize({
      corsOrigins: 'https://app.example.com,http://localhost:5173',
    }).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com', 'http://localhost:5173'],
        AllowMethods: ['GET', 'POST', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        ExposeHeaders: ['etag', 'location', 'idempotent-replayed', 'retry-after'],
        AllowCredentials: false,
        MaxAge: 3600,
      },
    });
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

  it('requires no scope unless jwtScopes names them', () => {
    for (const [, route] of resources(template, 'AWS::ApiGatewayV2::Route')) {
      expect(route.Properties).not.toHaveProperty('AuthorizationScopes');
    }
    const scoped = synthesize({
      jwtIssuer: 'https://issuer.example.com/',
      jwtAudience: 'ledger-api',
      jwtScopes: 'ledger/read, ledger/write',
    });
    for (const [, route] of resources(scoped, 'AWS::ApiGatewayV2::Route')) {
      expect(route.Properties['AuthorizationScopes']).toEqual(['ledger/read', 'ledger/write']);
    }
  });

  it('outputs no user pool ids', () => {
    expect(Object.keys(template.findOutputs('*'))).not.toContain('UserPoolId');
    template.hasOutput('JwtIssuer', { Value: 'https://issuer.example.com/' });
  });
});

describe('documentation of the edge', () => {
  const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

  // HTTP APIs have no gateway responses to customize: the authorizer's 401 is {"message":...}.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
  it('does not claim in the README that every error is problem+json', () => {
    expect(read('README.md')).not.toMatch(/^Errors are `application\/problem\+json`/m);
    expect(read('README.md')).toContain('`{"message":"..."}`');
  });

  it.each(['401', '403', '404', '429'])(
    "lists API Gateway's own %s body in docs/deploy.md",
    (status) => {
      expect(read('docs/deploy.md')).toMatch(
        new RegExp(`^\\| ${status} +\\| \`\\{"message":"`, 'm'),
      );
    },
  );
});
