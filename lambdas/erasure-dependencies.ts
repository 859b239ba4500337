import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ErasureService } from './application/erasure-service.js';
import type { UserDirectory } from './application/ports.js';
import type { Config } from './config.js';
import type { CoreDependencies } from './core-dependencies.js';
import { partOnCore } from './part-dependencies.js';
import { DynamoDbErasureAudit } from './event-store/erasure-audit-table.js';
import { DynamoDbOwnerRegistry } from './event-store/owners.js';
import { CognitoUserDirectory } from './identity/cognito-user-directory.js';

/** The erasure functions' graph: the core plus the erasure service (and the user pool, if any). */
export interface ErasureDependencies extends CoreDependencies {
  readonly erasure: ErasureService;
}

/** The stack's own user pool, only when configuration names one (never locally). */
const usersOf = (config: Config): { users?: UserDirectory } =>
  config.cognitoUserPoolId
    ? {
        users: new CognitoUserDirectory(
          new CognitoIdentityProviderClient({
            ...(config.region ? { region: config.region } : {}),
          }),
          config.cognitoUserPoolId,
        ),
      }
    : {};

/** The erasure service on top of a core (dependencies.ts builds the same on the same core). */
export const erasureSideOf = (core: CoreDependencies): ErasureDependencies => {
  const { config, client, service, store, commandLog, personalData, clock, ids, snapshots } = core;
  return {
    ...core,
    erasure: new ErasureService({
      personalData,
      service,
      store,
      commandLog,
      snapshots,
      audit: new DynamoDbErasureAudit(client, config.tables.Erasures),
      owners: new DynamoDbOwnerRegistry(client, config.tables.Owners),
      clock,
      ids,
      ...usersOf(config),
    }),
  };
};

const part = partOnCore(erasureSideOf);

/** Builds the erasure's graph for a configuration (tests pass their own). */
export const buildErasureDependencies = part.build;

/** The process-wide erasure dependencies, built on the process-wide core on first use (cold start). */
export const erasureDependencies = part.processWide;
