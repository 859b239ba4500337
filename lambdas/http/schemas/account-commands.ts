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
 * Free text that may name people (personal data): trimmed, normalised to NFC, bounded. Refused:
 * control characters (they break logs and UIs), unpaired surrogates (not storable as UTF-8: they
 * would become U+FFFD) and format characters (`\p{Cf}`: bidi overrides and isolates, zero-width
 * characters, soft hyphen, BOM), which make one text display as another (ADR 0093). Its value
 * is never echoed in an error.
 */
export const personalText = (max: number) =>
  z.string({ error: 'must be a string' }).check(
    z.refine((text) => !/\p{Cs}/u.test(text), {
      error: 'must not contain unpaired surrogate code units',
      abort: true,
    }),
    z.refine((text) => !/\p{Cc}/u.test(text), {
      error: 'must not contain control characters',
      abort: true,
    }),
    z.refine((text) => !/\p{Cf}/u.test(text), {
      error:
        'must not contain invisible format characters (bidi controls, zero-width characters, soft hyphens)',
      abort: true,
    }),
    z.trim(),
    z.normalize('NFC'),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(max, { error: `must be at most ${max} characters` }),
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
