import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { RevealedEvent, StateView } from '../../../lambdas/application/account-history.js';
import type { ErasureOutcome } from '../../../lambdas/application/erasure-service.js';
import type * as views from '../../../lambdas/http/schemas/responses.js';
import type { ledgerEntryView, summaryView } from '../../../lambdas/projections/revealed-views.js';
import type { TransferView } from '../../../lambdas/projections/transfer-queries.js';

// The document is generated from the view schemas; these checks make a view that returns a
// field the schema lacks, or of another type, a compile error (tsc runs the file).
describe('response views', () => {
  it('build what the view schemas describe', () => {
    expectTypeOf<Awaited<ReturnType<typeof summaryView>>>().toExtend<
      z.output<typeof views.accountSummary>
    >();
    expectTypeOf<Awaited<ReturnType<typeof ledgerEntryView>>>().toExtend<
      z.output<typeof views.ledgerEntry>
    >();
    expectTypeOf<RevealedEvent>().toExtend<z.output<typeof views.revealedEvent>>();
    expectTypeOf<Omit<StateView, 'state'>>().toExtend<
      Omit<z.output<typeof views.stateView>, 'state'>
    >();
    expectTypeOf<TransferView>().toExtend<z.output<typeof views.transferView>>();
    // Views return readonly arrays; schemas infer mutable ones.
    expectTypeOf<Omit<ErasureOutcome, 'accounts'>>().toExtend<
      Omit<z.output<typeof views.erasureReceipt>, 'accounts'>
    >();
    expectTypeOf<ErasureOutcome['accounts'][number]>().toEqualTypeOf<string>();
  });

  it('describe every field the views build', () => {
    expectTypeOf<keyof z.output<typeof views.accountSummary>>().toEqualTypeOf<
      keyof Awaited<ReturnType<typeof summaryView>>
    >();
    expectTypeOf<keyof z.output<typeof views.revealedEvent>>().toEqualTypeOf<keyof RevealedEvent>();
    expectTypeOf<keyof z.output<typeof views.eventMetadata>>().toEqualTypeOf<
      keyof RevealedEvent['metadata']
    >();
    expectTypeOf<keyof z.output<typeof views.transferView>>().toEqualTypeOf<keyof TransferView>();
    expectTypeOf<keyof z.output<typeof views.erasureReceipt>>().toEqualTypeOf<
      keyof ErasureOutcome
    >();
  });
});
