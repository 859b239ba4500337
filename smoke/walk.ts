import { randomUUID } from 'node:crypto';
import { check, type ApiCall } from './api.js';

/** What the steps share: the client, the users' tokens and what earlier steps created. */
export interface Walk {
  readonly call: ApiCall;
  readonly convergeMs: number;
  userToken?: string;
  throwawayToken?: string;
  accountId?: string;
  secondAccountId?: string;
  history?: readonly { version: number; occurredAt: string }[];
}

export interface Step {
  readonly name: string;
  run(walk: Walk): Promise<void>;
}

/** A value an earlier step should have left; the step fails plainly when it did not. */
export const need = <T>(value: T | undefined, what: string): T => {
  check(value !== undefined, `needs ${what} from an earlier step, which failed`);
  return value;
};

export const newKey = (): string => randomUUID();

export interface StepResult {
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly detail?: string;
}

/** Thrown by a step that cannot run with the options given (it is reported, never counted as passed). */
export class StepSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepSkipped';
  }
}

const detailOf = (error: unknown): string =>
  error instanceof Error
    ? `${error.name === 'CheckFailed' ? '' : `${error.name}: `}${error.message}`
    : 'failed';

/** Runs every step in order, printing one line each, and answers the results. */
export const runSteps = async (
  steps: readonly Step[],
  walk: Walk,
  print: (line: string) => void,
): Promise<StepResult[]> => {
  const results: StepResult[] = [];
  for (const step of steps) {
    let result: StepResult;
    try {
      await step.run(walk);
      result = { name: step.name, outcome: 'passed' };
    } catch (error) {
      result =
        error instanceof StepSkipped
          ? { name: step.name, outcome: 'skipped', detail: error.message }
          : { name: step.name, outcome: 'failed', detail: detailOf(error) };
    }
    const label = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' }[result.outcome];
    print(`${label}  ${step.name}${result.detail === undefined ? '' : `: ${result.detail}`}`);
    results.push(result);
  }
  return results;
};

/** `N passed, M failed` (and how many were skipped, when any were). */
export const summaryLine = (results: readonly StepResult[]): string => {
  const count = (outcome: StepResult['outcome']) =>
    results.filter((result) => result.outcome === outcome).length;
  const skipped = count('skipped');
  return `${count('passed')} passed, ${count('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
};
