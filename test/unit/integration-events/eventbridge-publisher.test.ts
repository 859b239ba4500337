import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationEvent } from '../../../lambdas/integration/contracts.js';
import { sdkPutEvents } from '../../../lambdas/integration/eventbridge-client.js';
import { EventBridgePublisher } from '../../../lambdas/integration/eventbridge-publisher.js';

// EventBridge cannot run here, so the adapter is tested against the documented behaviour:
// - PutEvents takes at most 10 entries per call
//   (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html);
// - a call may partly fail: FailedEntryCount counts the failed entries, the result Entries are in
//   request order, failed ones carry ErrorCode instead of EventId, and the caller must send them
//   again (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html);
// - ThrottlingException and InternalFailure are retryable entry codes, AccessDeniedException,
//   MalformedDetail and the others are not
//   (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html);
// - PutEvents is throttled per account and Region (us-east-1: 10,000 requests/s by default,
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html): a whole call can
//   fail with ThrottlingException once the SDK's own retries are spent.
const eventBridge = mockClient(EventBridgeClient);
afterEach(() => eventBridge.reset());

const event = (n: number): IntegrationEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'ledger.money.deposited.v1',
  accountId: '6f1c1d6e-7d0e-4a8e-9b0a-1c2d3e4f5a6b',
  accountVersion: n + 1,
  occurredAt: '2026-12-01T10:00:00.000Z',
  correlationId: 'req-1',
  causationId: 'cmd-1',
  data: { amount: 100 * n, currency: 'EUR', balanceAfter: 100 * n },
});

const waits: number[] = [];
const publisher = (attempts = 4) =>
  new EventBridgePublisher({
    putEvents: sdkPutEvents('eu-west-1'),
    busName: 'ledger-events',
    attempts,
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });

const sentIds = (): string[][] =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .map((call) =>
      (call.args[0].input.Entries ?? []).map(
        (entry: PutEventsRequestEntry) => (JSON.parse(entry.Detail ?? '{}') as { id: string }).id,
      ),
    );

const ok = (entries: readonly PutEventsRequestEntry[] = []) => ({
  FailedEntryCount: 0,
  Entries: entries.map((_, index) => ({ EventId: `eb-${index}` })),
});

describe('EventBridgePublisher', () => {
  it('sends each event as one entry: source ledger, its contract type as detail-type, the event as detail', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: PutEventsRequestEntry[] }) => ok(input.Entries));

    await expect(publisher().publish([event(1)])).resolves.toBeUndefined();

    const [call] = eventBridge.commandCalls(PutEventsCommand);
    expect(call?.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'ledger-events',
          Source: 'ledger',
          DetailType: 'ledger.money.deposited.v1',
          Detail: JSON.stringify(event(1)),
          Time: new Date('2026-12-01T10:00:00.000Z'),
        },
      ],
    });
  });

  it('sends 25 events in calls of 10, 10 and 5, in order', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: PutEventsRequestEntry[] }) => ok(input.Entries));
    const events = Array.from({ length: 25 }, (_, n) => event(n));

    await expect(publisher().publish(events)).resolves.toBeUndefined();

    expect(sentIds()).toEqual([
      events.slice(0, 10).map(({ id }) => id),
      events.slice(10, 20).map(({ id }) => id),
      events.slice(20).map(({ id }) => id),
    ]);
  });

  it('sends again only the entries a partial failure names, until they are accepted', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [
          { EventId: 'a' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          { EventId: 'c' },
          { ErrorCode: 'InternalFailure', ErrorMessage: 'internal' },
        ],
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }, { EventId: 'd' }] });
    const events = [event(0), event(1), event(2), event(3)];

    await expect(publisher().publish(events)).resolves.toBeUndefined();

    expect(sentIds()).toEqual([events.map(({ id }) => id), [events[1]?.id, events[3]?.id]]);
  });

  it('reports the first entry still throttled after its attempts, and sends no later call', async () => {
    waits.length = 0;
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((entry) =>
        (JSON.parse(entry.Detail ?? '{}') as IntegrationEvent).accountVersion === 4
          ? { ErrorCode: 'ThrottlingException' }
          : { EventId: 'ok' },
      ),
    }));
    const events = Array.from({ length: 15 }, (_, n) => event(n));

    await expect(publisher(3).publish(events)).resolves.toBe(3);

    expect(sentIds()).toEqual([
      events.slice(0, 10).map(({ id }) => id),
      [events[3]?.id],
      [events[3]?.id],
    ]);
    expect(waits).toEqual([100, 200]);
  });

  it('does not retry an entry refused for good (AccessDeniedException) and reports it', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'AccessDeniedException' }, { EventId: 'c' }],
    });

    await expect(publisher().publish([event(0), event(1), event(2)])).resolves.toBe(1);

    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('reports the whole call when PutEvents itself is throttled', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce(ok([{}, {}, {}, {}, {}, {}, {}, {}, {}, {}]))
      .rejects(throttled);
    const events = Array.from({ length: 12 }, (_, n) => event(n));

    await expect(publisher().publish(events)).resolves.toBe(10);
  });

  it('treats a result without an EventId or ErrorCode as not published', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{}] });

    await expect(publisher(2).publish([event(0)])).resolves.toBe(0);
  });
});
