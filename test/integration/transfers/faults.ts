import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** When an injected crash strikes: before the call reaches DynamoDB, or after it took effect. */
export type CrashMode = 'before' | 'after';

/** The failure a crashed Lambda would leave behind: the caller sees an error, nothing more. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/** Decides, per call, whether to crash; `index` counts calls since the plan was set. */
export type FaultPlan = (call: {
  readonly index: number;
  readonly command: string;
}) => CrashMode | undefined;

export interface FaultyClient {
  readonly client: DynamoDBDocumentClient;
  /** Command names of the calls made since the plan was last set. */
  readonly calls: string[];
  /** Crashes injected since the plan was last set. */
  readonly crashes: { index: number; command: string; mode: CrashMode }[];
  plan(plan: FaultPlan | undefined): void;
}

interface Sendable {
  readonly constructor: { readonly name: string };
}

/**
 * Wraps a document client so that chosen calls crash, either before they are sent or after they
 * succeeded (the write happened but the caller never learnt it): the two halves of a crash
 * between two steps.
 */
export const faultyClient = (inner: DynamoDBDocumentClient): FaultyClient => {
  let current: FaultPlan | undefined;
  const calls: string[] = [];
  const crashes: { index: number; command: string; mode: CrashMode }[] = [];
  const send = async (command: Sendable, ...rest: unknown[]): Promise<unknown> => {
    const call = { index: calls.length, command: command.constructor.name };
    calls.push(call.command);
    const mode = current?.(call);
    if (mode) {
      crashes.push({ ...call, mode });
    }
    if (mode === 'before') {
      throw new InjectedCrash(`crash before ${call.command} #${call.index}`);
    }
    const result: unknown = await (inner.send as (...args: unknown[]) => Promise<unknown>)(
      command,
      ...rest,
    );
    if (mode === 'after') {
      throw new InjectedCrash(`crash after ${call.command} #${call.index}`);
    }
    return result;
  };
  const client = new Proxy(inner, {
    get: (target, property, receiver) =>
      property === 'send' ? send : (Reflect.get(target, property, receiver) as unknown),
  });
  return {
    client,
    calls,
    crashes,
    plan: (plan) => {
      current = plan;
      calls.length = 0;
      crashes.length = 0;
    },
  };
};

/** Crashes exactly the `at`-th call, in the given mode. */
export const crashAt =
  (at: number, mode: CrashMode): FaultPlan =>
  ({ index }) =>
    index === at ? mode : undefined;

/** Crashes each call with probability `rate`, from a seeded generator (reproducible runs). */
export const randomCrashes = (rate: number, random: () => number): FaultPlan => {
  return () => {
    if (random() >= rate) {
      return undefined;
    }
    return random() < 0.5 ? 'before' : 'after';
  };
};

/** A small seeded PRNG (mulberry32), so a failing property run replays the same faults. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
