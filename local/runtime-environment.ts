import { join } from 'node:path';
import { allTableSpecs } from '../lib/table-specs.js';
import type { TableNames } from './bootstrap-tables.js';

/** Prefix of the local tables, as in `ledger-Events`. */
export const localTablePrefix = 'ledger-';

let configuredFor: string | undefined;

/**
 * Sets the environment the handlers read on their first invocation: DynamoDB Local's endpoint, every
 * table name, and the local key strategy with its master key under the data dir. Handlers keep the
 * configuration of their first invocation for the life of the process (as a warm Lambda does), so a
 * process can host one runtime configuration only; a second, different one is refused.
 */
export const configureEnvironment = (
  env: Record<string, string | undefined>,
  settings: {
    endpoint: string;
    tables: TableNames;
    dataDir: string;
    logFormat?: 'text' | 'json' | undefined;
    webhookUrls?: readonly string[] | undefined;
  },
): void => {
  const signature = `${settings.endpoint} ${settings.dataDir}`;
  if (configuredFor !== undefined && configuredFor !== signature) {
    throw new Error(
      `this process already runs handlers against ${configuredFor}; start another process instead`,
    );
  }
  configuredFor = signature;
  env['DYNAMODB_ENDPOINT'] = settings.endpoint;
  env['TABLE_PREFIX'] = localTablePrefix;
  for (const spec of allTableSpecs) {
    env[spec.envVar] = settings.tables[spec.id];
  }
  env['KEY_STRATEGY'] = 'local';
  env['LOCAL_MASTER_KEY_FILE'] = join(settings.dataDir, 'master.key');
  env['AWS_REGION'] ??= 'us-east-1';
  env['LOG_FORMAT'] = settings.logFormat ?? 'text';
  // Locally, integration events go to the configured loopback webhooks, never to a bus.
  env['INTEGRATION_WEBHOOK_URLS'] = (settings.webhookUrls ?? []).join(',');
  delete env['EVENT_BUS_NAME'];
  quietLocalEnvironment(env);
};

/**
 * Quietens what reads the environment when it is imported or first constructed (Powertools
 * Metrics, the AWS SDK's Node version warning); bin/local.ts sets it before anything else loads
 * (local/quiet-environment.ts).
 */
export const quietLocalEnvironment = (env: Record<string, string | undefined>): void => {
  // CloudWatch metrics (EMF lines) mean nothing locally; keep the console to one line per request.
  env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
};
