import * as z from 'zod/mini';
import { MAX_AMOUNT } from '../../domain/money.js';

/** A whole number of minor units within bounds (no strings, fractions or unsafe integers). */
const minorUnits = (min: number, max: number) =>
  z
    .int({ error: 'must be a whole number of minor units' })
    .check(
      z.minimum(min, { error: min === 1 ? 'must be positive' : `must be at least ${min}` }),
      z.maximum(max, { error: `must be at most ${max}` }),
    );

/** An amount in minor units: a whole, positive number no larger than 10^12. */
export const amountSchema = minorUnits(1, MAX_AMOUNT);

export const currencySchema = z
  .string({ error: 'must be a string' })
  .check(z.regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code such as EUR' }));

/**
 * Free text that may name people (personal data): trimmed, bounded, no control characters (they
 * break logs and UIs). Its value is never echoed in an error.
 */
export const personalText = (max: number) =>
  z.string({ error: 'must be a string' }).check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(max, { error: `must be at most ${max} characters` }),
    z.refine((text) => !/\p{Cc}/u.test(text), { error: 'must not contain control characters' }),
  );

export const openAccountBody = z.strictObject({
  holderName: personalText(200),
  currency: currencySchema,
  initialDeposit: z.optional(minorUnits(0, MAX_AMOUNT)),
});

export const depositBody = z.strictObject({
  amount: amountSchema,
  currency: z.optional(currencySchema),
});

export const withdrawBody = z.strictObject({ amount: amountSchema });

export const closeBody = z.strictObject({});

/** DELETE /me/personal-data takes no options: no body, or `{}`. */
export const eraseBody = z.strictObject({});
