import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes, streamConsumer } from '../../lib/function-specs.js';
import { bundlingOptions } from '../../lib/bundling-options.js';

// Packages no function may ship: the X-Ray SDK is in maintenance from 2026-02-25 and unsupported
// from 2027-02-25
// (https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-eos.html);
// Lambda's active tracing (set on every function in the stack) needs no SDK in the bundle.
const banned = [
  'aws-xray-sdk-core',
  '@aws-lambda-powertools/tracer',
  '@aws-lambda-powertools/logger',
];

const packagesIn = async (handler: string): Promise<Set<string>> => {
  const { metafile } = await build({
    entryPoints: [resolve('lambdas/handlers', `${handler}.ts`)],
    bundle: true,
    write: false,
    outdir: 'out',
    platform: bundlingOptions.platform,
    target: bundlingOptions.target,
    format: bundlingOptions.format,
    mainFields: [...bundlingOptions.mainFields],
    external: [...bundlingOptions.externalModules],
    logLevel: 'silent',
    metafile: true,
  });
  const names = Object.keys(metafile.inputs).map(
    (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'own code',
  );
  return new Set(names);
};

describe('function bundles', () => {
  it.each([...routes, streamConsumer].map((spec) => [spec.id, spec.handler] as const))(
    '%s bundles no X-Ray SDK and no Powertools Tracer or Logger',
    async (_, handler) => {
      const packages = await packagesIn(handler);

      expect(packages.has('own code')).toBe(true);
      expect(banned.filter((name) => packages.has(name))).toEqual([]);
    },
  );
});
