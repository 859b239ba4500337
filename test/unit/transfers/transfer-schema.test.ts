import { describe, expect, it } from 'vitest';
import { startTransferBody } from '../../../lambdas/http/schemas/transfers.js';

const valid = {
  fromAccountId: '0b5c2f0e-3c1a-4a8e-9d57-1f0b0c1d2e3f',
  toAccountId: '6f1e2d3c-4b5a-4968-8776-655443322110',
  amount: 100,
};

describe('POST /transfers body', () => {
  it('accepts ids, an amount and a trimmed reference', () => {
    expect(startTransferBody.parse({ ...valid, reference: '  Rent  ' })).toEqual({
      ...valid,
      reference: 'Rent',
    });
  });

  it('accepts a reference of exactly 140 characters in any script', () => {
    const reference = 'é'.repeat(140);
    expect(startTransferBody.parse({ ...valid, reference }).reference).toBe(reference);
  });

  it.each([
    ['a non-UUID source', { fromAccountId: 'acc-1' }],
    ['an upper-case UUID target', { toAccountId: valid.toAccountId.toUpperCase() }],
    ['a negative amount', { amount: -1 }],
    ['an amount in a string', { amount: '100' }],
    ['an amount above 10^12', { amount: 1e12 + 1 }],
    ['a 141-character reference', { reference: 'x'.repeat(141) }],
    ['a blank reference', { reference: '  ' }],
    ['a newline in the reference', { reference: 'a\nb' }],
    ['a non-string reference', { reference: 42 }],
    ['an unknown field', { currency: 'EUR' }],
  ])('rejects %s', (_case, change) => {
    expect(startTransferBody.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('rejects a missing target', () => {
    const { toAccountId: _, ...rest } = valid;
    expect(startTransferBody.safeParse(rest).success).toBe(false);
  });
});
