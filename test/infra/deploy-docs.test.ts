import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableSpecs } from '../../lib/table-specs.js';
import { resources, synthesize } from './ledger-template.js';

const deployDoc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');

/** docs/deploy.md's numbers come from the template and the specs, so they are checked here. */
describe('docs/deploy.md', () => {
  it('counts the alarms the stack really has', () => {
    const alarms = resources(synthesize(), 'AWS::CloudWatch::Alarm').length;

    expect(deployDoc).toContain(`| ${String(alarms)} CloudWatch alarms`);
    expect(deployDoc).toContain(`(${String(alarms)} in all)`);
    expect(deployDoc).toContain(`$${(alarms * 0.1).toFixed(2)}`);
  });

  // A transactional write costs 2 WRU per item (event and idempotency record); every projected
  // row is a write, and so is each global secondary index entry it updates.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes
  it('prices a keyed command at the write units its items and indexes take', () => {
    const transaction = 2 * 2;
    const summary = 1 + tableSpecs.AccountSummaries.globalIndexes.length;
    const ledgerRow = 1;
    const units = transaction + summary + ledgerRow;

    expect(units).toBe(7);
    expect(deployDoc).toContain(`${String(units)} WRU at $0.625 per million`);
    expect(deployDoc).toContain(`$${(units * 0.625).toFixed(2)}`);
  });

  it('states what per-subject keys cost at 10,000 users, against the envelope key', () => {
    expect(deployDoc).toContain('**$1 per data subject per month**');
    expect(deployDoc).toMatch(/10,000 users cost about \$10,000 a month/);
    expect(deployDoc).toMatch(/about \$25 a\s+month with `kms-envelope`/);
  });

  it('prices X-Ray for low traffic, where the reservoir traces nearly everything', () => {
    expect(deployDoc).toMatch(/\| X-Ray: .*\| \$4\.50 – \$8 +\|/);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
  it.each([
    'logs:CreateLogDelivery',
    'logs:PutResourcePolicy',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:CreateLogGroup',
    'logs:DescribeResourcePolicies',
    'logs:GetLogDelivery',
    'logs:ListLogDeliveries',
    'logs:DescribeLogGroups',
  ])('lists %s among the permissions HTTP API access logging needs', (action) => {
    expect(deployDoc).toContain(`\`${action}\``);
  });

  it('asks for a bootstrapped environment before the first deploy', () => {
    const prerequisites = deployDoc.indexOf('### Prerequisites');
    const bootstrap = deployDoc.indexOf('npx cdk bootstrap');

    expect(prerequisites).toBeGreaterThan(-1);
    expect(bootstrap).toBeGreaterThan(prerequisites);
    expect(deployDoc.indexOf('npx cdk deploy ')).toBeGreaterThan(bootstrap);
  });
});
