import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';

export interface ConsoleSiteProps {
  /** The hosted UI the console signs in on (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly authDomain: string | undefined;
}

/** What the console's page may load and call: itself, the API and the hosted UI's token endpoint. */
// The API's own host is not named: the API's CORS names this distribution, so naming the API
// here would make a dependency cycle. Any HTTP API of the region is the bound instead.
const contentSecurityPolicy = (region: string, props: ConsoleSiteProps): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' https://*.execute-api.${region}.amazonaws.com ${props.authDomain ?? ''}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * The console and the OpenAPI document as static files: a private S3 bucket read only by
 * CloudFront (origin access control), HTTPS only, with the console's own security headers.
 */
export class ConsoleSite extends Construct {
  readonly bucket: IBucket;
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net`: the stack adds it to the browser client's callbacks and the API's CORS. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    // Bucket's optional isWebsite does not fit IBucket under exactOptionalPropertyTypes.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Static files rebuilt by every deploy; the bucket is kept (empty it by hand) on stack deletion.
      removalPolicy: RemovalPolicy.RETAIN,
    }) as IBucket;
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(Stack.of(this).region, props),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    const isPublicStatic =
      'Public static files (the console and the OpenAPI document), no personal data; API calls are logged by API Gateway.';
    acknowledge(this.bucket, 'AwsSolutions-S1', isPublicStatic);
    acknowledge(this.distribution, 'AwsSolutions-CFR3', isPublicStatic);
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the console is for every user the pool admits.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF on static files; the API behind its JWT authorizer has stage throttling.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'Default *.cloudfront.net certificate, whose TLS policy CloudFront sets; a custom domain with TLSv1.2_2021 is the fix.',
    );
  }
}
