import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  failedConditionAt,
  isConditionalCheckFailed,
  isTransactionCanceled,
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

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// A cancelled transaction lists one reason per item, in order: 'None' for an item that was fine.
describe('the conditions of a cancelled transaction', () => {
  const cancelled = new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: { id: { S: 'winner' } } },
      { Code: 'TransactionConflict' },
    ],
  });

  it('name the item that failed its condition, with the item that failed it', () => {
    expect(isTransactionCanceled(cancelled)).toBe(true);
    expect(failedConditionAt(cancelled, 1)).toEqual({
      Code: 'ConditionalCheckFailed',
      Item: { id: { S: 'winner' } },
    });
  });

  it('name no other item, and nothing of any other error', () => {
    expect([0, 2, 3].map((index) => failedConditionAt(cancelled, index))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(failedConditionAt(conditionFailed(), 0)).toBeUndefined();
    expect(isTransactionCanceled(conditionFailed())).toBe(false);
    const noReasons = new TransactionCanceledException({ message: 'x', $metadata: {} });
    expect(failedConditionAt(noReasons, 0)).toBeUndefined();
  });
});
