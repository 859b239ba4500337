import { apiClient } from './api.js';
import { accountSteps } from './account-steps.js';
import type { FetchLike } from './cognito.js';
import { tokenFor } from './identities.js';
import { lifecycleSteps } from './lifecycle-steps.js';
import type { SmokeOptions } from './options.js';
import { runSteps, summaryLine, type Step, type StepResult, type Walk } from './walk.js';

const signInSteps = (options: SmokeOptions, fetchFn?: FetchLike): Step[] => {
  const { user, throwaway } = options;
  const steps: Step[] = [
    {
      name: 'gets a token for the user',
      run: async (walk) => {
        walk.userToken = await tokenFor(user, 'user', fetchFn);
      },
    },
  ];
  if (throwaway !== undefined) {
    steps.push({
      name: 'gets a token for the throw-away user',
      run: async (walk) => {
        walk.throwawayToken = await tokenFor(throwaway, 'throwaway', fetchFn);
      },
    });
  }
  return steps;
};

export interface SmokeRun {
  readonly results: readonly StepResult[];
  readonly summary: string;
  readonly ok: boolean;
}

/** Walks the API as a new user would, printing a line per step and the `N passed, M failed` line. */
export const runSmoke = async (
  options: SmokeOptions,
  print: (line: string) => void,
  fetchFn: typeof fetch = fetch,
): Promise<SmokeRun> => {
  print(`Smoke test of ${options.url}`);
  const walk: Walk = { call: apiClient(options.url, fetchFn), convergeMs: options.convergeMs };
  const steps = [...signInSteps(options, fetchFn), ...accountSteps, ...lifecycleSteps];
  const results = await runSteps(steps, walk, print);
  const summary = summaryLine(results);
  print(summary);
  return { results, summary, ok: results.every((result) => result.outcome !== 'failed') };
};
