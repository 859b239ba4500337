import fc from 'fast-check';
import type { Currency } from '../../../lambdas/domain/money.js';
import type { RecordedEvent } from '../../../lambdas/event-store/event-store.js';

/** Marks every personal value the arbitrary puts into a stored event, so a leak is easy to find. */
export const PERSONAL_MARK = 'PERSONAL-9f3b';

const uuid = fc.uuid({ version: 4 });
const minor = fc.integer({ min: 0, max: 1_000_000_000_000 });
const currency = fc.constantFrom<Currency>('EUR', 'USD', 'JPY', 'KWD');
const personal = fc.oneof(
  fc.string().map((text) => `${PERSONAL_MARK}${text}`),
  // A ciphertext envelope, as personal fields are stored.
  fc.record({ v: fc.constant(1), iv: fc.base64String(), ct: fc.base64String() }),
  fc.constant(null),
);

const dataOf = (cur: Currency) =>
  fc.oneof(
    fc.record({
      type: fc.constant('AccountOpened'),
      data: fc.record(
        { ownerId: uuid, holderName: personal, currency: fc.constant(cur), initialDeposit: minor },
        { requiredKeys: ['ownerId', 'holderName', 'currency'] },
      ),
    }),
    fc.record({
      type: fc.constant('MoneyDeposited'),
      data: fc.record({ amount: minor, currency: fc.constant(cur), balanceAfter: minor }),
    }),
    fc.record({
      type: fc.constant('MoneyWithdrawn'),
      data: fc.record({ amount: minor, balanceAfter: minor }),
    }),
    fc.record({ type: fc.constant('AccountClosed'), data: fc.record({ balance: minor }) }),
    fc.record({ type: fc.constant('PersonalDataErased'), data: fc.record({ erasureId: uuid }) }),
    fc.record({
      type: fc.constant('TransferSent'),
      data: fc.record(
        {
          transferId: uuid,
          toAccountId: uuid,
          amount: minor,
          currency: fc.constant(cur),
          balanceAfter: minor,
          reference: personal,
        },
        { requiredKeys: ['transferId', 'toAccountId', 'amount', 'currency', 'balanceAfter'] },
      ),
    }),
    fc.record({
      type: fc.constant('TransferReceived'),
      data: fc.record({
        transferId: uuid,
        fromAccountId: uuid,
        amount: minor,
        balanceAfter: minor,
      }),
    }),
    fc.record({
      type: fc.constant('TransferReversed'),
      data: fc.record({
        transferId: uuid,
        toAccountId: uuid,
        amount: minor,
        reason: fc.constantFrom('account-closed', 'currency-mismatch', 'account-not-found'),
        balanceAfter: minor,
      }),
    }),
  );

const schemaOf = (type: string): number =>
  type === 'MoneyDeposited' || type === 'TransferReceived' ? 2 : 1;

/** A stored event of any type (current schema), with personal values marked, and its account's currency. */
export const internalEvent: fc.Arbitrary<{ recorded: RecordedEvent; currency: Currency }> =
  currency.chain((cur) =>
    fc
      .record({
        streamId: uuid,
        version: fc.integer({ min: 1, max: 100_000 }),
        eventId: uuid,
        body: dataOf(cur),
        occurredAt: fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((date) => date.toISOString()),
        actor: fc.string({ minLength: 8 }).map((text) => `${PERSONAL_MARK}-actor-${text}`),
        requestId: fc.uuid().map((id) => `req-${id}`),
        correlationId: uuid,
        causationId: uuid,
      })
      .map(({ body, actor, requestId, correlationId, causationId, ...rest }) => ({
        currency: cur,
        recorded: {
          ...rest,
          type: body.type,
          schema: schemaOf(body.type),
          data: body.data,
          metadata: {
            actorId: actor,
            actorKind: 'user' as const,
            commandId: causationId,
            correlationId,
            causationId,
            requestId,
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          },
        },
      })),
  );
