import { beforeAll, describe, expect, it } from 'vitest';
import { eventSchemas } from '../../../lambdas/domain/account/index.js';
import { allProjections, projectionNames } from '../../../lambdas/projections/rebuild-registry.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

describe('the projection registry', () => {
  it('lists every read model, which the stream consumer runs live before the transfer process', () => {
    expect(projectionNames()).toEqual(['AccountSummaries', 'Ledger', 'Transfers']);
    expect(app.deps.consumers.map((consumer) => consumer.name)).toEqual([
      ...projectionNames(),
      'TransferProcess',
    ]);
  });

  it('gives each projection the types it needs: the summary every type, for its version', () => {
    const handles = Object.fromEntries(
      allProjections(app.deps).map((projection) => [
        projection.name,
        [...projection.handles].sort(),
      ]),
    );

    expect(handles).toEqual({
      AccountSummaries: Object.keys(eventSchemas).sort(),
      Ledger: [
        'AccountOpened',
        'MoneyDeposited',
        'MoneyWithdrawn',
        'PersonalDataErased',
        'TransferReceived',
        'TransferReversed',
        'TransferSent',
      ],
      Transfers: ['TransferReceived', 'TransferReversed', 'TransferSent'],
    });
  });
});
