import { join } from 'node:path';
import { loadConfig } from '../lambdas/config.js';
import { createEpochRotation } from '../lambdas/crypto/create-key-store.js';
import { createDocumentClient } from '../lambdas/dynamodb-client.js';

// `npm run rotate-keys [-- --force]`: one rotation run of the local runtime's epoch keys (the
// runtime started with LOCAL_KEY_EPOCHS=true): rotates when the epoch is due (or --force), then
// rewraps every live subject and destroys the old epoch's master key file.
const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg !== '--force')) {
    process.stderr.write('usage: npm run rotate-keys [-- --force]\n');
    process.exitCode = 2;
    return;
  }
  const env = process.env;
  const config = loadConfig({
    ...env,
    TABLE_PREFIX: env['TABLE_PREFIX'] ?? 'ledger-',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${env['DYNAMODB_PORT'] ?? '8000'}`,
    KEY_STRATEGY: 'local',
    LOCAL_KEY_EPOCHS: 'true',
    LOCAL_MASTER_KEY_FILE: join(env['LEDGER_DATA_DIR'] || '.data', 'master.key'),
  });
  const documentClient = createDocumentClient({ endpoint: config.dynamoEndpoint });
  const summary = await createEpochRotation(config, { documentClient }).run(
    args.includes('--force'),
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
};

await main();
