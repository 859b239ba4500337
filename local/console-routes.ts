import { consoleFiles } from '../console/assets.js';
import { publicRoutes, type PublicRoutes, type StaticFile } from './public-routes.js';

/** The console in local mode: same origin as the API, signing in by user id. */
const localConsoleFiles = (): ReadonlyMap<string, StaticFile> => {
  const files = new Map<string, StaticFile>(
    consoleFiles({ mode: 'local', apiUrl: '' }).map(({ path, ...file }) => [path, file]),
  );
  const page = files.get('/index.html');
  if (page) {
    files.set('/', page);
  }
  return files;
};

/** What the local runtime serves outside the API: /openapi.json, the console and its sign-in. */
export const localPublicRoutes = (secret: Uint8Array): PublicRoutes =>
  publicRoutes({ files: localConsoleFiles, signingSecret: secret });
