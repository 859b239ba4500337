import { UsageError, parseTokenOptions } from './cli-options.js';
import { loadSigningSecret, mintToken } from './token.js';

// `npm run token -- <userId> [--ttl <seconds>]`: prints only the token, so `$(npm run -s token -- u1)`
// can be pasted into an Authorization header.
try {
  const options = parseTokenOptions(process.argv.slice(2), process.env);
  const secret = await loadSigningSecret(options.dataDir);
  process.stdout.write(
    `${await mintToken(secret, { sub: options.userId, ttlSeconds: options.ttlSeconds })}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : 'failed'}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
