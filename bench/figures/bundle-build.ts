import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundlingOptions, esbuildOptions } from '../../lib/bundling-options.js';
import { staticSdkImports } from './cold-processes.js';

/** One function's bundle as the stack deploys it. */
export interface Bundle {
  readonly bytes: number;
  /** The biggest contributors, e.g. "@aws-sdk/client-kms 210 KB", for whoever trims the bundle. */
  readonly largest: string;
  /** The external SDK modules it imports statically: what its cold import cannot go below. */
  readonly sdkImports: readonly string[];
}

const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'own code';
};

const largestInputs = (metafile: Metafile, outfile: string): string => {
  const output = Object.entries(metafile.outputs).find(([path]) => resolve(path) === outfile);
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {})) {
    bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, size]) => `${name} ${Math.round(size / 1000)} KB`)
    .join(', ');
};

/** Bundles one handler exactly as the CDK stack does (lib/bundling-options.ts). */
export const bundle = async (entry: string, outfile: string): Promise<Bundle> => {
  const { metafile } = await build({
    ...esbuildOptions(),
    entryPoints: [entry],
    outfile,
    sourcemap: bundlingOptions.sourcemap,
    metafile: true,
  });
  return {
    bytes: (await stat(outfile)).size,
    largest: largestInputs(metafile, outfile),
    sdkImports: staticSdkImports(metafile, outfile),
  };
};
