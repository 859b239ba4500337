import { describe, expect, it } from 'vitest';
import {
  functionSpecs,
  permissionsOf,
  render,
  resourceById,
  resources,
  synthesize,
} from './ledger-template.js';

const withConsole = synthesize({ cognitoDomainPrefix: 'ledger-demo' });
const apiOnly = synthesize();
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};
const props = (template = withConsole, type: string) =>
  only(resources(template, type).map(([, resource]) => resource.Properties));
const deployment = (template = withConsole) => props(template, 'Custom::CDKBucketDeployment');
const outputs = (template = withConsole) =>
  Object.keys(template.toJSON()['Outputs'] as Record<string, unknown>);
const consoleOrigin = 'https://{ConsoleDistribution022D3262.DomainName}';

// S3 behind CloudFront with origin access control:
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
describe('console site (S3 + CloudFront)', () => {
  it('keeps the bucket private, readable only by the distribution over TLS', () => {
    expect(props(withConsole, 'AWS::S3::Bucket')['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = render(props(withConsole, 'AWS::S3::BucketPolicy')['PolicyDocument']);
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(policy).toContain('aws:SecureTransport');
    const distribution = props(withConsole, 'AWS::CloudFront::Distribution')[
      'DistributionConfig'
    ] as Record<string, Record<string, unknown>>;
    expect(distribution['DefaultCacheBehavior']?.['ViewerProtocolPolicy']).toBe(
      'redirect-to-https',
    );
    expect(distribution['DefaultCacheBehavior']?.['AllowedMethods']).toEqual(['GET', 'HEAD']);
  });

  it('sends a content security policy that allows only itself, HTTP APIs and the hosted UI', () => {
    const policy = props(withConsole, 'AWS::CloudFront::ResponseHeadersPolicy')[
      'ResponseHeadersPolicyConfig'
    ] as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } } };
    const csp = render(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);

    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(
      "connect-src 'self' https://*.execute-api.{AWS::Region}.amazonaws.com https://ledger-demo.auth.{AWS::Region}.amazoncognito.com",
    );
  });

  it('publishes the console with its sign-in config when the pool has a browser client', () => {
    const sources = render(deployment()['SourceObjectKeys']);
    const config = render(deployment()['SourceMarkers']);

    expect(sources.split(',').length).toBeGreaterThan(3);
    // config.json's deploy-time values: the API endpoint, the region (in the hosted UI's domain)
    // and the browser client's id.
    expect(config).toContain('{"Fn::GetAtt":["HttpApi4E1D4184","ApiEndpoint"]}');
    expect(config).toContain('{"Ref":"AWS::Region"}');
    expect(config).toContain('{"Ref":"IdentityUserPoolWebClient');
    expect(outputs()).toEqual(expect.arrayContaining(['ConsoleUrl', 'OpenApiUrl']));
  });

  it('publishes only the OpenAPI document without a browser client', () => {
    expect(render(deployment(apiOnly)['SourceObjectKeys']).split(',')).toHaveLength(1);
    expect(outputs(apiOnly)).toContain('OpenApiUrl');
    expect(outputs(apiOnly)).not.toContain('ConsoleUrl');
  });

  it('lets the console origin call the API (CORS), and no origin without a console', () => {
    const cors = (template = withConsole) =>
      (props(template, 'AWS::ApiGatewayV2::Api')['CorsConfiguration'] ?? {}) as Record<
        string,
        unknown
      >;

    expect((cors()['AllowOrigins'] as unknown[]).map(render)).toEqual([consoleOrigin]);
    expect(cors(apiOnly)['AllowOrigins']).toBeUndefined();
  });

  it('copies files with a role of its own: no managed policy, no CloudFront action, own log group', () => {
    const handler = only(
      resources(withConsole, 'AWS::Lambda::Function').filter(
        ([id]) => !functionSpecs.some((spec) => id.startsWith(spec.id)),
      ),
    )[1].Properties;
    const roleId = (handler['Role'] as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const role = resourceById(withConsole, roleId);
    const policy = only(
      resources(withConsole, 'AWS::IAM::Policy').filter(([, p]) =>
        render(p.Properties['Roles']).includes(roleId),
      ),
    )[1];
    const actions = permissionsOf(policy).map(({ action }) => action);

    expect(role?.Properties['ManagedPolicyArns']).toBeUndefined();
    expect(actions.filter((action) => !action.startsWith('s3:'))).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(render(handler['LoggingConfig'])).toContain('ConsoleFilesDeployLogs');
  });
});
