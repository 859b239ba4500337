import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';

/**
 * True when a DynamoDB write failed because its ConditionExpression was false (the item was not as
 * the writer expected); never for throttling or any other failure.
 */
export const isConditionalCheckFailed = (
  error: unknown,
): error is ConditionalCheckFailedException => error instanceof ConditionalCheckFailedException;

/**
 * Runs a conditional write; when its condition fails, answers `onFailed(error)` instead (which may
 * read the item that won, or rethrow). Any other error propagates as it is.
 */
export const onConditionFailed = async <T, F>(
  write: () => Promise<T>,
  onFailed: (error: ConditionalCheckFailedException) => F | Promise<F>,
): Promise<T | F> => {
  try {
    return await write();
  } catch (error) {
    if (!isConditionalCheckFailed(error)) {
      throw error;
    }
    return await onFailed(error);
  }
};

/** True when a DynamoDB transaction was cancelled; its CancellationReasons say why, item by item. */
export const isTransactionCanceled = (error: unknown): error is TransactionCanceledException =>
  error instanceof TransactionCanceledException;

/**
 * The reason item `index` (in TransactItems order) of a cancelled transaction gives when that item
 * failed its condition, with the item that failed it where ReturnValuesOnConditionCheckFailure
 * asked for it; undefined for an item that did not, and for any other error.
 */
export const failedConditionAt = (
  error: unknown,
  index: number,
): CancellationReason | undefined => {
  const reason = isTransactionCanceled(error) ? error.CancellationReasons?.[index] : undefined;
  return reason?.Code === 'ConditionalCheckFailed' ? reason : undefined;
};
