import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type ContenderName = 'floor' | 'ledger' | 'ledger-nocache' | 'castore' | 'castore-natural';

/** One event store under test. Every contender writes the same deposit, each in its own layout. */
export interface Contender {
  readonly name: ContenderName;
  /** Appends one deposit to a stream whose head is `version` (conditional on that version). */
  append(accountId: string, version: number): Promise<void>;
  /** Reads the whole stream and folds it; returns the balance. */
  load(accountId: string): Promise<number>;
  /** The item the contender stores for the bench event at `version`, in the wire format. */
  itemOf(accountId: string, version: number): Record<string, AttributeValue>;
  /** Writes `count` deposits quickly (batch writes, unconditional) in the contender's layout. */
  seed(accountId: string, count: number): Promise<void>;
  /**
   * One deposit command on an opened account: load, decide, append, retry on conflict. Absent when
   * the contender cannot run commands yet (the figure is then reported as not available).
   */
  readonly command?: (accountId: string) => Promise<void>;
}

/** Every deposit is the same amount, so the balance at version v is (v - 1) * DEPOSIT. */
export const DEPOSIT = 500;

/** The owner every benchmark account belongs to (the JWT subject of handler calls). */
export const BENCH_USER = 'bench-user';

/** An event as every contender stores it (each in its own layout), so items are the same size. */
export interface BenchEvent {
  readonly type: 'AccountOpened' | 'MoneyDeposited';
  readonly schema: number;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, string | number | null>>;
  readonly metadata: {
    readonly actorId: string;
    readonly commandId: string;
    readonly correlationId: string;
    readonly causationId: string;
    readonly requestId: string;
  };
}

const metadata = (): BenchEvent['metadata'] => {
  const commandId = randomUUID();
  return {
    actorId: BENCH_USER,
    commandId,
    correlationId: commandId,
    causationId: commandId,
    requestId: randomUUID(),
  };
};

/**
 * The event that becomes `version` of a stream: version 1 opens the account (so Ledger's decider
 * sees an open account), every later version is a deposit with amount and balanceAfter.
 */
export const benchEvent = (version: number): BenchEvent => ({
  eventId: randomUUID(),
  occurredAt: new Date().toISOString(),
  metadata: metadata(),
  ...(version === 1
    ? {
        type: 'AccountOpened',
        schema: 1,
        data: { ownerId: BENCH_USER, holderName: null, currency: 'EUR' },
      }
    : {
        type: 'MoneyDeposited',
        schema: 2,
        data: { amount: DEPOSIT, currency: 'EUR', balanceAfter: (version - 1) * DEPOSIT },
      }),
});

/** The balance a stream of `version` bench events folds to. */
export const balanceAt = (version: number): number => Math.max(0, version - 1) * DEPOSIT;

/** Folds the balance the way the floor and the peer do: the last `balanceAfter` wins. */
export const nextBalance = (balance: number, balanceAfter: unknown): number =>
  typeof balanceAfter === 'number' ? balanceAfter : balance;

/** A fresh stream id, unique across contenders and blocks. */
export const newAccountId = (): string => randomUUID();

/** Splits items into DynamoDB batch-write sized chunks (25). */
export const chunks = <T>(items: readonly T[], size = 25): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
