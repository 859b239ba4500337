/** The largest `TotalSegments` DynamoDB accepts for a parallel scan. */
export const MAX_SEGMENTS = 1_000_000;

/** Checks the segment numbers to scan against the total. */
export const segmentsToScan = (totalSegments: number, only?: readonly number[]): number[] => {
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_SEGMENTS) {
    throw new RangeError(
      `totalSegments must be an integer from 1 to 1000000, got ${totalSegments}`,
    );
  }
  const all = Array.from({ length: totalSegments }, (_, index) => index);
  if (!only) {
    return all;
  }
  const bad = only.filter((segment) => !Number.isInteger(segment) || segment < 0);
  if (bad.length > 0 || only.some((segment) => segment >= totalSegments)) {
    throw new RangeError(`segments must be integers from 0 to ${totalSegments - 1}`);
  }
  return [...new Set(only)].sort((a, b) => a - b);
};
