import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  type CfnTable,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge.js';
import type { DeployedKeyStrategy } from '../settings.js';
import {
  allTableSpecs,
  recoveryPeriodInDays,
  type KeyAttribute,
  type TableId,
  type TableSpec,
} from '../table-specs.js';

const attribute = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

/**
 * The CloudFormation logical id of a spec's table. Pinned, so moving the construct in the tree can
 * never replace a table (and lose its data); `test/infra` asserts these ids.
 */
const tableLogicalId = (id: TableId): string => `${id}Table`;

const pointInTimeRecovery = (spec: TableSpec, strategy: DeployedKeyStrategy) => {
  const days = recoveryPeriodInDays(spec, strategy);
  return days === undefined
    ? { pointInTimeRecoveryEnabled: false }
    : { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days };
};

/** Why a table without point-in-time recovery needs none; a new table must say so here. */
const noBackupNeeded: Partial<Record<TableId, string>> = {
  Snapshots: 'Snapshots are a cache of Events: loads fold events when one is missing (ADR 0119).',
  Commands:
    'Idempotency records expire after 24 h; a restore would only revive stale ones (ADR 0119).',
  AccountSummaries:
    'A read model, rebuilt from the Events table by the rebuild function (ADR 0119).',
  Ledger: 'A read model, rebuilt from the Events table by the rebuild function (ADR 0119).',
  Transfers: 'A read model, rebuilt from the Events table by the rebuild function (ADR 0119).',
};

const acknowledgeNoBackup = (table: Table, spec: TableSpec): void => {
  if (spec.pointInTimeRecovery) {
    return;
  }
  const reason = noBackupNeeded[spec.id];
  if (reason === undefined) {
    throw new Error(`Table ${spec.id} has no point-in-time recovery and no reason why`);
  }
  acknowledge(table, 'AwsSolutions-DDB3', reason);
};

const addIndexes = (table: Table, spec: TableSpec): void => {
  for (const index of spec.globalIndexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
      projectionType: ProjectionType.ALL,
    });
  }
  for (const index of spec.localIndexes ?? []) {
    table.addLocalSecondaryIndex({
      indexName: index.indexName,
      sortKey: attribute(index.sortKey),
      projectionType: ProjectionType.ALL,
    });
  }
};

const tableFromSpec = (scope: Construct, spec: TableSpec, strategy: DeployedKeyStrategy): Table => {
  const table = new Table(scope, spec.id, {
    partitionKey: attribute(spec.partitionKey),
    ...(spec.sortKey ? { sortKey: attribute(spec.sortKey) } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    ...(spec.stream ? { stream: StreamViewType[spec.stream] } : {}),
    ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
    pointInTimeRecoverySpecification: pointInTimeRecovery(spec, strategy),
    // Read models are rebuilt from Events and idempotency records expire, so they go with the stack.
    deletionProtection: spec.retain,
    removalPolicy: spec.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  addIndexes(table, spec);
  (table.node.defaultChild as CfnTable).overrideLogicalId(tableLogicalId(spec.id));
  acknowledgeNoBackup(table, spec);
  return table;
};

export interface LedgerTablesProps {
  /** Sets the point-in-time recovery windows that depend on it (SubjectKeys). */
  readonly keyStrategy: DeployedKeyStrategy;
}

/** Every table in `lib/table-specs.ts`, built from the same specs as the local bootstrap. */
export class LedgerTables extends Construct {
  readonly byId: Readonly<Record<TableId, Table>>;
  /** Every table's spec and construct, for the grants: index ARNs come from the spec. */
  readonly entries: readonly { readonly spec: TableSpec; readonly table: Table }[];

  constructor(scope: Construct, id: string, props: LedgerTablesProps) {
    super(scope, id);
    this.entries = allTableSpecs.map((spec) => ({
      spec,
      table: tableFromSpec(this, spec, props.keyStrategy),
    }));
    this.byId = Object.fromEntries(
      this.entries.map(({ spec, table }) => [spec.id, table]),
    ) as Record<TableId, Table>;
  }
}
