import '../local/quiet-environment.js';
import { UsageError, parseStartOptions } from '../local/cli-options.js';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.js';

// `npm start [-- --in-memory]`: DynamoDB Local, tables, API on 127.0.0.1:$PORT and the stream poller,
// until SIGINT or SIGTERM stops them all.
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const stopOnSignals = (runtime: LocalRuntime): void => {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    log(`${signal}: stopping Ledger and DynamoDB Local`);
    runtime.stop().then(
      () => {
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stop failed: ${error instanceof Error ? error.message : 'error'}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

try {
  const options = parseStartOptions(process.argv.slice(2), process.env);
  const runtime = await startLocalRuntime({ ...options, log });
  stopOnSignals(runtime);
  const storage = options.inMemory ? 'in memory' : `in ${options.dataDir}/dynamodb`;
  log(`DynamoDB Local on ${runtime.dynamoEndpoint}, data ${storage}`);
  log(`Ledger listening on ${runtime.url}`);
  for (const url of options.webhookUrls) {
    log(`Integration events POSTed to ${url}`);
  }
  log('Mint a token with: npm run -s token -- <userId>');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : 'failed to start'}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
