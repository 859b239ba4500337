import { z } from 'zod';
import { MAX_AMOUNT } from '../../domain/money.js';

/** An amount in minor units: a whole, positive number no larger than 10^12. */
export const amountSchema = z
  .number({ error: 'must be a number of minor units' })
  .int({ error: 'must be a whole number of minor units' })
  .positive({ error: 'must be positive' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` });

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO-4217 code such as EUR' });

// Names are free text in any script, but control characters are refused (they break logs and UIs).
const holderNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .refine((name) => !/\p{Cc}/u.test(name), { error: 'must not contain control characters' });

export const openAccountBody = z.strictObject({
  holderName: holderNameSchema,
  currency: currencySchema,
  initialDeposit: z
    .number()
    .int({ error: 'must be a whole number of minor units' })
    .min(0, { error: 'must not be negative' })
    .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` })
    .optional(),
});

export const depositBody = z.strictObject({
  amount: amountSchema,
  currency: currencySchema.optional(),
});

export const withdrawBody = z.strictObject({ amount: amountSchema });

export const closeBody = z.strictObject({});
