import { readFileSync } from 'node:fs';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import {
  BucketDeployment,
  CacheControl,
  Source,
  type ISource,
} from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleFiles } from '../../console/assets.js';
import { acknowledge } from '../acknowledge.js';

/** How the deployed console signs in: the Cognito hosted UI of the stack's browser client. */
export interface ConsoleSignIn {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly authDomain: string;
  readonly clientId: string;
}

export interface ConsoleFilesProps {
  readonly bucket: IBucket;
  /** The API's base URL, which the console calls. */
  readonly apiUrl: string;
  /** Unset (no browser client): only /openapi.json is published, not the console. */
  readonly signIn: ConsoleSignIn | undefined;
}

const sources = (props: ConsoleFilesProps): ISource[] => {
  // The committed document (`npm run openapi`; a test fails when it is stale): lib/ never imports
  // lambdas/ (ADR 0130).
  const document = Source.data(
    'openapi.json',
    readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
  );
  if (!props.signIn) {
    return [document];
  }
  const config = { mode: 'cognito', apiUrl: props.apiUrl, ...props.signIn };
  const files = consoleFiles({ mode: 'local', apiUrl: '' })
    .filter((file) => file.path !== '/config.json')
    .map((file) => Source.data(file.path.slice(1), file.body));
  return [document, Source.jsonData('config.json', config), ...files];
};

// The copy at deploy time runs in aws-cdk-lib's own singleton function (at stack level) under our
// role: CloudFormation invokes it synchronously, never with events, and it serves no request.
const acknowledgeDeploymentHandler = (role: Role, bucket: IBucket): void => {
  const stack = Stack.of(bucket);
  const bucketId = String(stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket)));
  const library = 'aws-cdk-lib BucketDeployment handler, run by CloudFormation at deploy time only';
  const grants = `${library}: reads the CDK asset bucket and replaces the console bucket's objects (the library's grants).`;
  const wildcards = [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*`,
    `Resource::<${bucketId}.Arn>/*`,
  ];
  for (const finding of wildcards) {
    acknowledge(role, `AwsSolutions-IAM5[${finding}]`, grants);
  }
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) {
    return;
  }
  const findings = {
    'AwsSolutions-L1': `${library}: its runtime is the one aws-cdk-lib pins.`,
    'Serverless-LambdaLatestVersion': `${library}: its runtime is the one aws-cdk-lib pins.`,
    'Serverless-LambdaDLQ': `${library}: invoked synchronously by CloudFormation, which reports failures itself.`,
    'Serverless-LambdaTracing': `${library}: not in any request path, nothing to trace.`,
  };
  for (const [id, reason] of Object.entries(findings)) {
    acknowledge(handler, id, reason);
  }
};

/**
 * Copies the console (with its `config.json`) and the OpenAPI document into the site's bucket on
 * every deploy. The copy runs in aws-cdk-lib's handler, but with a role and a log group of ours: no
 * managed policy, logs kept 30 days like every other function's. Files are served `no-cache`
 * (CloudFront revalidates them), so the deploy needs no invalidation and no cloudfront:* on "*".
 */
export class ConsoleFiles extends Construct {
  constructor(scope: Construct, id: string, props: ConsoleFilesProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    new BucketDeployment(this, 'Files', {
      destinationBucket: props.bucket,
      sources: sources(props),
      cacheControl: [CacheControl.noCache()],
      role,
      logGroup,
    });
    acknowledgeDeploymentHandler(role, props.bucket);
  }
}
