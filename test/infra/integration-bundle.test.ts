import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes, streamConsumer } from '../../lib/function-specs.js';
import { bundlingOptions } from '../../lib/bundling-options.js';

// The AWS SDK is external (the runtime ships it), so what matters is when a bundle imports it: a
// static import loads the EventBridge client at every cold start.
const bundled = (handler: string) =>
  build({
    entryPoints: [resolve('lambdas/handlers', `${handler}.ts`)],
    bundle: true,
    write: false,
    platform: bundlingOptions.platform,
    target: bundlingOptions.target,
    format: bundlingOptions.format,
    mainFields: [...bundlingOptions.mainFields],
    external: [...bundlingOptions.externalModules],
    logLevel: 'silent',
    metafile: true,
  });

const bundleText = async (handler: string): Promise<string> =>
  (await bundled(handler)).outputFiles.map((file) => file.text).join('\n');

const staticImport = /(?:^|[;\s])import\s*[^('"]*from\s*["']@aws-sdk\/client-eventbridge["']/m;
const dynamicImport = /import\(\s*["']@aws-sdk\/client-eventbridge["']\s*\)/;

describe('the EventBridge client in the bundles', () => {
  it('is imported by the stream consumer on first use only, never at its cold start', async () => {
    const text = await bundleText(streamConsumer.handler);

    expect(dynamicImport.test(text)).toBe(true);
    expect(staticImport.test(text)).toBe(false);
  });

  it('leaves the zod contracts out of the stream consumer (they only generate the JSON Schemas)', async () => {
    const { metafile } = await bundled(streamConsumer.handler);

    expect(
      Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/zod/')),
    ).toEqual([]);
  });

  it.each(routes.map((route) => [route.id, route.handler] as const))(
    '%s never references it',
    async (_, handler) => {
      expect(await bundleText(handler)).not.toContain('client-eventbridge');
    },
  );
});
