import { z } from 'zod';

/** A query-string integer: digits only (no signs, decimals or exponents), within bounds. */
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

export const transactionsQuery = z.strictObject({
  limit: intParam(1, 100).optional(),
  cursor: z.string().min(1).max(512).optional(),
});

export const eventsQuery = z.strictObject({
  fromVersion: intParam(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, 100).optional(),
});

export const stateQuery = z
  .strictObject({
    version: intParam(1, Number.MAX_SAFE_INTEGER).optional(),
    at: z.iso
      .datetime({
        offset: true,
        error: 'must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z',
      })
      .optional(),
  })
  .refine((query) => query.version === undefined || query.at === undefined, {
    error: 'give either version or at, not both',
  });

export const noQuery = z.strictObject({});
