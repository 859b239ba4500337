/**
 * Money is an integer count of minor units (cents) in an ISO-4217 currency. Floats never appear.
 * Amounts a client may move in one command are bounded, and so is every balance.
 */
export const MAX_AMOUNT = 1_000_000_000_000; // 10^12 minor units per command
/**
 * The largest balance deposits and received transfers may reach (10^15 minor units). It sits far
 * below the exact-integer range so that compensations, which return money that left a moment ago,
 * still fit above it: see {@link addCompensation} and ADR 0101.
 */
export const MAX_BALANCE = 1_000_000_000_000_000;

/** ISO-4217 codes Ledger accepts, with their minor-unit exponent (JPY has none, KWD has three). */
export const currencies = {
  AUD: 2,
  CAD: 2,
  CHF: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  JPY: 0,
  KWD: 3,
  NOK: 2,
  NZD: 2,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  USD: 2,
} as const;

export type Currency = keyof typeof currencies;

export const isCurrency = (value: string): value is Currency => Object.hasOwn(currencies, value);

/** True for a whole, positive number of minor units no larger than {@link MAX_AMOUNT}. */
export const isValidAmount = (amount: number): boolean =>
  Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_AMOUNT;

/** Adds a new credit up to {@link MAX_BALANCE}; `undefined` when the sum would pass it. */
export const addMinor = (a: number, b: number): number | undefined => {
  const sum = a + b;
  return Number.isSafeInteger(sum) && sum <= MAX_BALANCE ? sum : undefined;
};

/**
 * Adds a compensation (money coming back to where it was): above {@link MAX_BALANCE} too, up to the
 * exact-integer range, about 8,000 of the largest transfers (MAX_AMOUNT) beyond the limit.
 */
export const addCompensation = (a: number, b: number): number | undefined => {
  const sum = a + b;
  return Number.isSafeInteger(sum) ? sum : undefined;
};

/** Converts a decimal amount in major units (e.g. 12.34 EUR) to minor units, exactly. */
export const majorToMinor = (major: number, currency: Currency): number => {
  const exponent = currencies[currency];
  // toFixed rounds the binary float to the currency's decimals before scaling, so 0.1 + 0.2 stays 30.
  const [whole = '0', fraction = ''] = Math.abs(major).toFixed(exponent).split('.');
  const minor = Number(whole + fraction);
  return major < 0 ? -minor : minor;
};
