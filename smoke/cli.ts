import { parseSmokeOptions, SmokeUsageError, smokeUsage } from './options.js';
import { runSmoke } from './smoke.js';

// `npm run smoke -- --url <ApiUrl> [--token T | --username U --password P --client-id C]`: exit 0
// when every step passed, 1 when one failed, 2 for bad flags.
try {
  const options = parseSmokeOptions(process.argv.slice(2), process.env);
  const run = await runSmoke(options, (line) => {
    process.stdout.write(`${line}\n`);
  });
  process.exitCode = run.ok ? 0 : 1;
} catch (error) {
  if (error instanceof SmokeUsageError) {
    process.stderr.write(`${error.message}\n${smokeUsage}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : 'failed'}\n`);
    process.exitCode = 1;
  }
}
