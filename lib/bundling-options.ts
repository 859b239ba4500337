/**
 * How every Lambda is bundled, as plain data shared by the CDK functions (lib/constructs) and the
 * bundle-size benchmark (bench/), so the benchmark measures exactly what gets deployed.
 * The AWS SDK is bundled, not taken from the runtime, so the deployed SDK is the pinned one.
 */
export const bundlingOptions = {
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need `require`; this banner provides it.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  externalModules: [] as string[],
} as const;
