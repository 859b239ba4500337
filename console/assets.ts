import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { ConsoleConfig } from './src/config.js';

/** A file of the console as it is served: its path, content type and text. */
export interface ConsoleFile {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The console's script: one minified ES module (the typed client included), built by esbuild. */
export const bundleConsole = (): string => {
  const result = buildSync({
    entryPoints: [join(here, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  const [output] = result.outputFiles;
  if (!output) {
    throw new Error('esbuild produced no console bundle');
  }
  return output.text;
};

/** Every file of the console, with the config that tells it how to sign in and where the API is. */
export const consoleFiles = (config: ConsoleConfig): ConsoleFile[] => {
  const page = readFileSync(join(here, 'index.html'), 'utf8');
  return [
    { path: '/index.html', contentType: 'text/html; charset=utf-8', body: page },
    { path: '/app.js', contentType: 'text/javascript; charset=utf-8', body: bundleConsole() },
    {
      path: '/style.css',
      contentType: 'text/css; charset=utf-8',
      body: readFileSync(join(here, 'style.css'), 'utf8'),
    },
    { path: '/config.json', contentType: 'application/json', body: JSON.stringify(config) },
  ];
};
