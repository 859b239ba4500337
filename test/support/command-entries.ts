import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dependencies } from '../../lambdas/dependencies.js';
import type { CommandEntry } from '../../lambdas/event-store/command-log.js';

/** A command log entry: an accepted outcome under a fresh id unless told, kept until 2030. */
export const commandEntry = (overrides: Partial<CommandEntry> = {}): CommandEntry => ({
  commandId: randomUUID(),
  fingerprint: 'f',
  outcome: { kind: 'accepted', accountId: 'a', version: 1, view: { balance: 0 } },
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: 1_900_000_000,
  ...overrides,
});

/** A Commands item in the shape before the command log (ADR 0131): a rendered response. */
export interface RenderedEntry {
  readonly commandId: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Writes `entry` raw into the Commands table, created now and live for `ttlSeconds`. */
export const putRenderedEntry = (deps: Dependencies, entry: RenderedEntry, ttlSeconds = 3_600) =>
  deps.client.send(
    new PutCommand({
      TableName: deps.config.tables.Commands,
      Item: {
        ...entry,
        createdAt: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds,
      },
    }),
  );
