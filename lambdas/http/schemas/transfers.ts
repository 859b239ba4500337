import { z } from 'zod';
import { isId } from '../request.js';
import { amountSchema } from './account-commands.js';

const accountIdSchema = z.string().refine(isId, { error: 'must be an account id (a UUID)' });

/** Maximum length of a transfer's reference, in characters. */
export const MAX_REFERENCE_LENGTH = 140;

// A reference is free text and may name people (personal data), so its value is never echoed;
// control characters are refused because they break statements, logs and UIs.
const referenceSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_REFERENCE_LENGTH, { error: `must be at most ${MAX_REFERENCE_LENGTH} characters` })
  .refine((reference) => !/\p{Cc}/u.test(reference), {
    error: 'must not contain control characters',
  });

/** POST /transfers body; the same account on both sides is refused after parsing (same-account). */
export const startTransferBody = z.strictObject({
  fromAccountId: accountIdSchema,
  toAccountId: accountIdSchema,
  amount: amountSchema,
  reference: referenceSchema.optional(),
});

export type StartTransferBody = z.infer<typeof startTransferBody>;
