import { describe, expect, it } from 'vitest';
import { nodejsBundling } from '../../lib/constructs/ledger-function.js';
import { tableSpecs, type TableId } from '../../lib/table-specs.js';
import { rebuildFunction, routes } from '../../lib/function-specs.js';
import {
  functionLogicalId,
  functionSpecs,
  render,
  resourceById,
  resources,
  synthesize,
} from './ledger-template.js';

const template = synthesize();

const propertiesOf = (functionId: string): Record<string, unknown> => {
  const resource = resourceById(template, functionLogicalId(template, functionId));
  if (!resource) {
    throw new Error(`No function ${functionId}`);
  }
  return resource.Properties;
};

const environmentOf = (functionId: string): Record<string, unknown> =>
  (propertiesOf(functionId)['Environment'] as { Variables: Record<string, unknown> }).Variables;

describe('functions', () => {
  it('builds one function per route, plus the stream consumer, the rebuild function, the key sweeper and the erasure resumer', () => {
    const ours = resources(template, 'AWS::Lambda::Function').filter(
      ([, fn]) => !render(fn.Properties['Role']).includes('ConsoleFilesDeployRole'),
    );

    expect(ours).toHaveLength(routes.length + 4);
    // The only other function is aws-cdk-lib's deploy-time copy of the console (test/infra/console-site).
    expect(resources(template, 'AWS::Lambda::Function')).toHaveLength(routes.length + 5);
  });

  // nodejs24.x is the current Node.js runtime; nodejs22.x's support ends on 2027-04-30:
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
  it.each(functionSpecs.map((spec) => [spec.id, spec] as const))(
    '%s runs Node.js 24 on ARM64 with tracing',
    (id) => {
      const properties = propertiesOf(id);

      expect(properties['Runtime']).toBe('nodejs24.x');
      expect(properties['Architectures']).toEqual(['arm64']);
      expect(properties['Handler']).toBe('index.handler');
      expect(properties['TracingConfig']).toEqual({ Mode: 'Active' });
    },
  );

  it.each(functionSpecs.map((spec) => [spec.id, spec] as const))(
    '%s gets the names of exactly the tables it may use',
    (id, spec) => {
      const environment = environmentOf(id);
      const tableVars = Object.keys(environment).filter((name) => name.endsWith('_TABLE'));
      const expected = (Object.keys(spec.tables) as TableId[]).map((t) => tableSpecs[t].envVar);

      expect(tableVars.sort()).toEqual(expected.sort());
      for (const table of Object.keys(spec.tables) as TableId[]) {
        expect(environment[tableSpecs[table].envVar]).toEqual({ Ref: `${table}Table` });
      }
    },
  );

  it.each(functionSpecs.map((spec) => [spec.id, spec] as const))(
    '%s gets the key strategy and the Powertools settings',
    (id) => {
      expect(environmentOf(id)).toMatchObject({
        KEY_STRATEGY: 'kms-key-per-subject',
        AWS_ACCOUNT_ID: { Ref: 'AWS::AccountId' },
        KMS_ALIAS_PREFIX: 'ledger-subject/Ledger',
        KMS_TAG_KEY: 'ledger:purpose',
        KMS_TAG_VALUE: 'subject-data-key/Ledger',
        POWERTOOLS_SERVICE_NAME: 'ledger',
        POWERTOOLS_METRICS_NAMESPACE: 'Ledger',
        NODE_OPTIONS: '--enable-source-maps',
      });
    },
  );

  it.each(functionSpecs.map((spec) => [spec.id, spec] as const))(
    '%s logs to its own log group, kept 30 days',
    (id) => {
      const logGroup = (propertiesOf(id)['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup
        .Ref;

      expect(resourceById(template, logGroup)?.Properties['RetentionInDays']).toBe(30);
    },
  );

  it('sets a retention on every log group of the stack', () => {
    const logGroups = resources(template, 'AWS::Logs::LogGroup');

    expect(logGroups.length).toBeGreaterThan(functionSpecs.length);
    for (const [, logGroup] of logGroups) {
      expect(logGroup.Properties['RetentionInDays']).toBe(30);
    }
  });

  it('bundles minified ESM for node24 with source maps, leaving the AWS SDK to the runtime', () => {
    expect(nodejsBundling).toMatchObject({
      format: 'esm',
      target: 'node24',
      minify: true,
      sourceMap: true,
      externalModules: ['@aws-sdk/*'],
    });
  });

  it('gives the rebuild function room for a full replay', () => {
    expect(propertiesOf(rebuildFunction.id)['Timeout']).toBe(900);
  });
});
