import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../function-specs.js';
import { bundlingOptions } from '../bundling-options.js';
import { acknowledge } from '../acknowledge.js';
import { tableSpecs, type TableId } from '../table-specs.js';
import type { LedgerTables } from './ledger-tables.js';
import type { KeyGrants } from './subject-keys.js';
import { tableStatements } from './table-grants.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export const logRetention = RetentionDays.ONE_MONTH;

const outputFormats = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

/** `lib/bundling-options.ts` in NodejsFunction's vocabulary: what the bench measures is what deploys. */
export const nodejsBundling = {
  target: bundlingOptions.target,
  format: outputFormats[bundlingOptions.format],
  minify: bundlingOptions.minify,
  sourceMap: bundlingOptions.sourcemap,
  mainFields: [...bundlingOptions.mainFields],
  banner: bundlingOptions.banner,
  externalModules: [...bundlingOptions.externalModules],
  esbuildArgs: { '--tree-shaking': String(bundlingOptions.treeShaking) },
  // Keeps `cdk synth --quiet` quiet: esbuild reports warnings and errors only.
  logLevel: LogLevel.WARNING,
};

const observability = {
  POWERTOOLS_SERVICE_NAME: 'ledger',
  POWERTOOLS_METRICS_NAMESPACE: 'Ledger',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
};

export interface LedgerFunctionProps {
  readonly spec: FunctionSpec;
  readonly tables: LedgerTables;
  readonly keys: KeyGrants;
  readonly timeout: Duration;
  readonly memorySize?: number;
  /** Tables it may scan: only a full replay scans (its source); every other read is by key. */
  readonly scan?: readonly TableId[];
}

const tableEnvironment = (spec: FunctionSpec, tables: LedgerTables): Record<string, string> =>
  Object.fromEntries(
    (Object.keys(spec.tables) as TableId[]).map((id) => [
      tableSpecs[id].envVar,
      tables.byId[id].tableName,
    ]),
  );

/**
 * One Lambda of the route table (or the stream consumer / rebuild function) with Ledger's defaults:
 * Node.js 24 on ARM64, the shared esbuild options, a log group with retention, Powertools settings,
 * active tracing, and IAM for exactly the tables and key operations its spec names.
 */
export class LedgerFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: LedgerFunctionProps) {
    super(scope, id);
    const { spec, tables, keys } = props;
    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): only its own group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, 'lambdas', 'handlers', `${spec.handler}.ts`),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      bundling: nodejsBundling,
      environment: { ...observability, ...keys.environment, ...tableEnvironment(spec, tables) },
    });
    for (const statement of tableStatements(tables, spec.tables, props.scan ?? [])) {
      this.function.addToRolePolicy(statement);
    }
    keys.denyKeyPolicyChanges(role);
    if (spec.keys) {
      keys.grant(role, spec.keys);
    }
    acknowledgeFindings(this.function, role);
  }
}

/** cdk-nag findings every Ledger function shares, each with what makes it safe (ADR 0115). */
const acknowledgeFindings = (fn: NodejsFunction, role: Role): void => {
  acknowledge(
    fn,
    'Serverless-LambdaDLQ',
    'Invoked synchronously (API Gateway, CLI) or by the stream mapping, whose on-failure queue keeps failed batches; a DLQ serves async invocations only.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'Resource * only for actions without resource-level permissions: xray:PutTraceSegments/PutTelemetryRecords, kms:CreateKey, dynamodb:ListStreams (pinned in test/infra/iam.test.ts).',
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]`,
    'Per-subject KMS keys are created at run time, so no key ARN exists at synth; every key/* grant is bound to this stack by a ledger:purpose tag condition (test/infra/kms.test.ts).',
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:alias/ledger-subject/${Stack.of(role).stackName}/*]`,
    "Aliases are created per subject at run time, only under this stack's own ledger-subject/<stack>/ prefix.",
  );
};
