import * as z from 'zod/mini';
import { isId } from '../request.js';
import { amountSchema, personalText } from './account-commands.js';

const accountIdSchema = z
  .string({ error: 'must be a string' })
  .check(z.refine(isId, { error: 'must be an account id (a UUID)' }));

/** Maximum length of a transfer's reference, in characters. */
export const MAX_REFERENCE_LENGTH = 140;

/** POST /transfers body; the same account on both sides is refused after parsing (same-account). */
export const startTransferBody = z.strictObject({
  fromAccountId: accountIdSchema,
  toAccountId: accountIdSchema,
  amount: amountSchema,
  // A reference is free text and may name people (personal data), so its value is never echoed.
  reference: z.optional(personalText(MAX_REFERENCE_LENGTH)),
});

export type StartTransferBody = z.infer<typeof startTransferBody>;
