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

/**
 * The same settings in esbuild's own option names, for the code that runs esbuild itself: the
 * bench's bundle figures and profile, and the bundle-size test (each adds its entry and output).
 */
export const esbuildOptions = (overrides: { readonly minify?: boolean } = {}) => ({
  bundle: true,
  platform: bundlingOptions.platform,
  target: bundlingOptions.target,
  format: bundlingOptions.format,
  minify: overrides.minify ?? bundlingOptions.minify,
  treeShaking: bundlingOptions.treeShaking,
  mainFields: [...bundlingOptions.mainFields],
  banner: { js: bundlingOptions.banner },
  external: [...bundlingOptions.externalModules],
  logLevel: 'silent' as const,
});
