import { failedConditionAt, isTransactionCanceled } from '../conditional-writes.js';
import { VersionConflictError, type AppendRequest } from './event-store.js';
import { OwnerSealedError } from './owners.js';

/** What each item of an append's transaction is, in order. */
export type AppendItem = 'event' | 'command' | 'owner';

/** Names which condition cancelled an append's transaction, from the reason of each item. */
export const transactionError = (
  error: unknown,
  items: readonly AppendItem[],
  request: AppendRequest,
): unknown => {
  if (!isTransactionCanceled(error)) {
    return error;
  }
  const failed = new Set(items.filter((_, index) => failedConditionAt(error, index)));
  // TransactionConflict: another transaction was writing one of the items at the same moment.
  // Retrying after a reload settles it: the version is taken, or the key is recorded, or neither.
  // (A taken command id is not an error: the caller answers the entry before asking this.)
  const contended = (error.CancellationReasons ?? []).some(
    (reason) => reason.Code === 'TransactionConflict',
  );
  if (contended || failed.has('event') || failed.has('command')) {
    return new VersionConflictError(request.streamId, request.expectedVersion, { cause: error });
  }
  return failed.has('owner') ? new OwnerSealedError({ cause: error }) : error;
};
