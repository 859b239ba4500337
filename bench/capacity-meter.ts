import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/** Read and write units DynamoDB reported for the calls made inside one `meter` scope. */
export interface Capacity {
  read: number;
  write: number;
}

const scope = new AsyncLocalStorage<Capacity>();
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

const commandNameOf = (command: { constructor: { name: string } }): string =>
  command.constructor.name.replace(/Command$/, '').replace(/^(Put|Get|Update|Delete)$/, '$1Item');

const sum = (consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number =>
  [consumed ?? []].flat().reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0);

interface Sendable {
  input?: Record<string, unknown>;
  constructor: { name: string };
}
type Send = (this: unknown, command: Sendable, ...rest: unknown[]) => Promise<unknown>;

/**
 * Bench-only instrumentation: while a `meter` scope is active, every DynamoDB call in the process
 * (the document clients of Ledger's handler included, which the bench cannot reach) asks for
 * `ReturnConsumedCapacity: TOTAL` and adds what DynamoDB reports to the scope. Calls outside a
 * scope, the timed figures among them, are left as they are.
 */
export const installCapacityMeter = (): void => {
  const proto = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const original = proto.send;
  proto.send = async function (this: unknown, command: Sendable, ...rest: unknown[]) {
    const capacity = scope.getStore();
    if (capacity === undefined || command.input === undefined) {
      return original.call(this, command, ...rest);
    }
    command.input['ReturnConsumedCapacity'] = 'TOTAL';
    const output = (await original.call(this, command, ...rest)) as {
      ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
    };
    const units = sum(output.ConsumedCapacity);
    if (READS.has(commandNameOf(command))) {
      capacity.read += units;
    } else {
      capacity.write += units;
    }
    return output;
  };
};

/** Runs `work` and returns the capacity its DynamoDB calls consumed. */
export const meter = async (work: () => Promise<void>): Promise<Capacity> => {
  const capacity: Capacity = { read: 0, write: 0 };
  await scope.run(capacity, work);
  return capacity;
};
