import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCompensation,
  addMinor,
  MAX_BALANCE,
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

  it('refuses a new credit beyond MAX_BALANCE', () => {
    expect(addMinor(MAX_BALANCE, 1)).toBeUndefined();
    expect(addMinor(MAX_BALANCE - 1, 1)).toBe(MAX_BALANCE);
  });

  it('adds a compensation beyond MAX_BALANCE up to Number.MAX_SAFE_INTEGER only', () => {
    expect(addCompensation(MAX_BALANCE, MAX_AMOUNT)).toBe(MAX_BALANCE + MAX_AMOUNT);
    expect(addCompensation(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(addCompensation(Number.MAX_SAFE_INTEGER, 1)).toBeUndefined();
  });

  it('leaves room above MAX_BALANCE for 8,000 compensations of the largest amount', () => {
    expect(Math.floor((Number.MAX_SAFE_INTEGER - MAX_BALANCE) / MAX_AMOUNT)).toBeGreaterThan(8_000);
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
