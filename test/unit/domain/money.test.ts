import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMinor,
  isValidAmount,
  majorToMinor,
  MAX_AMOUNT,
} from '../../../lambdas/domain/money.js';

describe('money', () => {
  it('accepts whole positive amounts up to 10^12 only', () => {
    expect([1, MAX_AMOUNT].map(isValidAmount)).toEqual([true, true]);
    expect([0, -1, 1.5, MAX_AMOUNT + 1, Number.NaN].map(isValidAmount)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses a sum beyond Number.MAX_SAFE_INTEGER', () => {
    expect(addMinor(Number.MAX_SAFE_INTEGER, 1)).toBeUndefined();
    expect(addMinor(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('converts decimal major units to exact minor units per currency exponent', () => {
    expect(majorToMinor(12.34, 'EUR')).toBe(1234);
    expect(majorToMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(majorToMinor(1500, 'JPY')).toBe(1500);
    expect(majorToMinor(1.234, 'KWD')).toBe(1234);
    expect(majorToMinor(-2.5, 'USD')).toBe(-250);
  });

  it('round-trips any cent amount through its decimal form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
        expect(majorToMinor(cents / 100, 'EUR')).toBe(cents);
      }),
    );
  });
});
