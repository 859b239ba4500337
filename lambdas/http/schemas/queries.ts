import * as z from 'zod/mini';

/** A query-string integer: digits only (no signs, decimals or exponents), within bounds. */
const intParam = (min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.regex(/^\d{1,16}$/, { error: 'must be a whole number' })),
      z.transform(Number),
    ),
    z
      .int({ error: 'must be a whole number' })
      .check(
        z.minimum(min, { error: `must be at least ${min}` }),
        z.maximum(max, { error: `must be at most ${max}` }),
      ),
  );

export const transactionsQuery = z.strictObject({
  limit: z.optional(intParam(1, 100)),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512, { error: 'is too long' }))),
});

export const eventsQuery = z.strictObject({
  fromVersion: z.optional(intParam(1, Number.MAX_SAFE_INTEGER)),
  limit: z.optional(intParam(1, 100)),
});

export const stateQuery = z
  .strictObject({
    version: z.optional(intParam(1, Number.MAX_SAFE_INTEGER)),
    at: z.optional(
      z.iso.datetime({
        offset: true,
        error: 'must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z',
      }),
    ),
  })
  .check(
    z.refine((query) => query.version === undefined || query.at === undefined, {
      error: 'give either version or at, not both',
    }),
  );

export const noQuery = z.strictObject({});
