import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import * as handlerModule from '../../../lambdas/handlers/rebuild-projection.js';
import { rebuildProjectionHandler } from '../../../lambdas/handlers/rebuild-projection.js';
import { rebuildFunction } from '../../../lib/function-specs.js';
import { UnknownProjectionError } from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { allEvents, projectAll } from '../../support/stream.js';
import { dependenciesFor, emptyReadTables, readRows, seedAccounts } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await seedAccounts(app, 6);
  await projectAll(app.deps);
}, 60_000);

describe('the RebuildProjection function', () => {
  it('is the handler file the stack deploys, exporting handler and one factory', () => {
    expect(rebuildFunction.handler).toBe('rebuild-projection');
    expect(Object.keys(handlerModule).sort()).toEqual(['handler', 'rebuildProjectionHandler']);
  });

  it('rebuilds the named projection and answers what it did', async () => {
    const target = await emptyReadTables(app);
    const handler = rebuildProjectionHandler(dependenciesFor(app, target));
    const events = (await allEvents(app.deps)).length;

    const summaries = await handler({ projection: 'AccountSummaries', totalSegments: 2 });
    const ledger = await handler({ projection: 'Ledger' });

    expect(summaries).toEqual({ projection: 'AccountSummaries', events, accounts: 6 });
    expect(ledger).toEqual({ projection: 'Ledger', events, accounts: 6 });
    expect(await target.rows()).toEqual(await readRows(app.deps.client, app.tables.names));
  });

  it('throws a clear error for an unknown projection', async () => {
    const handler = rebuildProjectionHandler(app.deps);

    await expect(handler({ projection: 'Balances' })).rejects.toThrow(UnknownProjectionError);
    await expect(handler({ projection: 'Balances' })).rejects.toThrow(
      'Unknown projection "Balances"; known: AccountSummaries, Ledger, Transfers',
    );
  });

  it.each([
    { projection: '' },
    { projection: 'Ledger', totalSegments: 0 },
    { projection: 'Ledger', totalSegments: 2.5 },
    { projection: 'Ledger', extra: true },
  ])('rejects malformed input %j before reading anything', async (input) => {
    const handler = rebuildProjectionHandler(app.deps);

    await expect(handler(input as { projection: string })).rejects.toThrow($ZodError);
  });

  it('rejects segments outside the total', async () => {
    const handler = rebuildProjectionHandler(app.deps);

    await expect(
      handler({ projection: 'Ledger', totalSegments: 2, segments: [2] }),
    ).rejects.toThrow('segments must be integers from 0 to 1');
  });

  it('stops before the Lambda timeout with an error that says how to go on', async () => {
    const target = await emptyReadTables(app);
    const handler = rebuildProjectionHandler(dependenciesFor(app, target));
    const context = { getRemainingTimeInMillis: () => 10_001 } as Context;

    await expect(handler({ projection: 'Ledger' }, context)).rejects.toThrow(
      /stopped before the Lambda timeout after \d+ events; run it again/,
    );
  });
});
