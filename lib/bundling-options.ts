/**
 * How every Lambda is bundled, as plain data shared by the CDK functions (lib/constructs) and the
 * bundle-size benchmark (bench/), so the benchmark measures exactly what gets deployed.
 * The AWS SDK v3 is left to the Node.js 24 Lambda runtime, which ships it (ADR 0010): bundling it
 * would put every command function at about 600 KB more.
 */
export const bundlingOptions = {
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need `require`; this banner provides it.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  externalModules: ['@aws-sdk/*'] as string[],
} as const;
