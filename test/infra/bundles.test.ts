import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes, streamConsumer } from '../../lib/function-specs.js';
import { esbuildOptions } from '../../lib/bundling-options.js';

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
    ...esbuildOptions({ minify: false }),
    entryPoints: [resolve('lambdas/handlers', `${handler}.ts`)],
    write: false,
    outdir: 'out',
    metafile: true,
  });
  const names = Object.keys(metafile.inputs).map(
    (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'own code',
  );
  return new Set(names);
};

// Issue 16 item 4: every function's minified bundle (without its source map) under 120 KB.
const BUNDLE_LIMIT_BYTES = 120 * 1000;

const minified = async (handler: string) => {
  const result = await build({
    ...esbuildOptions(),
    entryPoints: [resolve('lambdas/handlers', `${handler}.ts`)],
    write: false,
    outfile: 'out/index.mjs',
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  return {
    bytes: result.outputFiles[0]?.contents.byteLength ?? 0,
    inputs: Object.keys(result.metafile.inputs),
    sdks: new Set((output?.imports ?? []).map((entry) => entry.path)),
    staticImports: new Set(
      (output?.imports ?? [])
        .filter((entry) => entry.kind === 'import-statement')
        .map((entry) => entry.path),
    ),
    dynamicImports: new Set(
      (output?.imports ?? [])
        .filter((entry) => entry.kind === 'dynamic-import')
        .map((entry) => entry.path),
    ),
  };
};

const commandAndQueryFunctions = routes.filter((spec) => !['ErasePersonalData'].includes(spec.id));

describe('function bundles', () => {
  it.each([...routes, streamConsumer].map((spec) => [spec.id, spec.handler] as const))(
    '%s is under 120 KB minified',
    async (_, handler) => {
      const { bytes } = await minified(handler);

      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThan(BUNDLE_LIMIT_BYTES);
    },
  );

  it.each(commandAndQueryFunctions.map((spec) => [spec.id, spec.handler] as const))(
    '%s carries no stream, erasure or Cognito code (its wiring is the core or the read side)',
    async (_, handler) => {
      const { inputs, sdks } = await minified(handler);

      const foreign = inputs.filter((input) =>
        /lambdas\/(transfers\/|projections\/(ledger|summary)-writer|application\/erasure-service|identity\/)/.test(
          input,
        ),
      );
      expect(foreign).toEqual([]);
      expect(sdks.has('@aws-sdk/client-cognito-identity-provider')).toBe(false);
      expect(sdks.has('@aws-sdk/client-dynamodb')).toBe(true);
    },
  );

  // Issue 16 item 4: importing @aws-sdk/client-kms costs tens of ms at every cold start, and these
  // functions make a KMS call only on a subject's first use or a data key cache miss.
  it.each([...routes, streamConsumer].map((spec) => [spec.id, spec.handler] as const))(
    '%s reaches the KMS client only through a dynamic import, made on the first KMS call',
    async (_, handler) => {
      const { staticImports, dynamicImports } = await minified(handler);

      expect(staticImports.has('@aws-sdk/client-kms')).toBe(false);
      expect(dynamicImports.has('@aws-sdk/client-kms')).toBe(true);
    },
  );

  it.each([...routes, streamConsumer].map((spec) => [spec.id, spec.handler] as const))(
    '%s bundles no X-Ray SDK and no Powertools Tracer or Logger',
    async (_, handler) => {
      const packages = await packagesIn(handler);

      expect(packages.has('own code')).toBe(true);
      expect(banned.filter((name) => packages.has(name))).toEqual([]);
    },
  );
});
