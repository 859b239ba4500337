import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  isConditionalCheckFailed,
  onConditionFailed,
} from '../../../lambdas/conditional-writes.js';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
// A write whose condition evaluates to false fails with ConditionalCheckFailedException.
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('conditional writes', () => {
  it('answer the write when its condition holds', async () => {
    const outcome = await onConditionFailed(
      () => Promise.resolve('written'),
      () => 'fallback',
    );

    expect(outcome).toBe('written');
  });

  it('answer the fallback, given the failure, when the condition fails', async () => {
    const failure = conditionFailed();
    const seen: unknown[] = [];

    const outcome = await onConditionFailed(
      () => Promise.reject(failure),
      (error) => {
        seen.push(error);
        return 'fallback';
      },
    );

    expect(outcome).toBe('fallback');
    expect(seen).toEqual([failure]);
  });

  it('let any other error through without calling the fallback', async () => {
    let called = false;
    const outcome = onConditionFailed(
      () => Promise.reject(new Error('throttled')),
      () => {
        called = true;
      },
    );

    await expect(outcome).rejects.toThrow('throttled');
    expect(called).toBe(false);
    expect(isConditionalCheckFailed(conditionFailed())).toBe(true);
    expect(isConditionalCheckFailed(new Error('ConditionalCheckFailedException'))).toBe(false);
  });
});
