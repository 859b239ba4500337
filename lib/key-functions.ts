import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { EpochKeys } from './constructs/epoch-keys.js';
import type { LedgerFunctionProps } from './constructs/ledger-function.js';
import { SubjectKeys, tagKey, type KeyGrants } from './constructs/subject-keys.js';
import { keyRotator, keySweeper, type FunctionSpec } from './function-specs.js';
import type { LedgerSettings } from './settings.js';

export type Sizing = Pick<LedgerFunctionProps, 'timeout' | 'memorySize' | 'scan'>;

// Holds the in-use key ARNs of every subject in memory (about 100 bytes each).
const sweeperSizing: Sizing = {
  timeout: Duration.minutes(15),
  memorySize: 1024,
  scan: ['SubjectKeys'],
};
// Rewraps page by page and stops a minute before the limit; the next hourly run resumes.
const rotatorSizing: Sizing = { timeout: Duration.minutes(15), scan: ['SubjectKeys'] };

/** The key side of the chosen strategy: per-subject or envelope keys, or epoch keys. */
export const keysFor = (scope: Construct, settings: LedgerSettings): SubjectKeys | EpochKeys =>
  settings.keyStrategy === 'kms-epoch'
    ? new EpochKeys(scope, 'EpochKeys', { tagKey, rotationDays: settings.keyRotationDays })
    : new SubjectKeys(scope, 'SubjectKeys', { strategy: settings.keyStrategy });

/**
 * The scheduled key functions a strategy needs: the orphan-key sweeper (`kms-key-per-subject`:
 * only per-subject keys can be left over by a creation) or the epoch rotation (`kms-epoch`).
 */
export const keyFunctions = (
  keys: KeyGrants,
  strategy: LedgerSettings['keyStrategy'],
  lambda: (spec: FunctionSpec, sizing: Sizing) => LambdaFn,
): { id: string; function: LambdaFn }[] => {
  if (keys instanceof SubjectKeys && strategy === 'kms-key-per-subject') {
    const sweeper = lambda(keySweeper, sweeperSizing);
    keys.scheduleSweeper(sweeper);
    return [{ id: keySweeper.id, function: sweeper }];
  }
  if (keys instanceof EpochKeys) {
    const rotator = lambda(keyRotator, rotatorSizing);
    keys.scheduleRotation(rotator);
    return [{ id: keyRotator.id, function: rotator }];
  }
  return [];
};

/** Stack outputs naming the stack's own keys (docs/deploy.md). */
export const keyOutputs = (keys: KeyGrants): Record<string, string | undefined> => ({
  EnvelopeKeyArn: keys instanceof SubjectKeys ? keys.envelopeKey?.keyArn : undefined,
  FirstEpochKeyArn: keys instanceof EpochKeys ? keys.firstKey.keyArn : undefined,
});
