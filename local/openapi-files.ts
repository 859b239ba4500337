import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../lambdas/http/openapi/document.js';

/** Where the committed document and the client types generated from it live. */
export const openApiPath = 'docs/openapi.json';
export const clientTypesPath = 'console/src/api-types.ts';

const pretty = async (text: string, filepath: string): Promise<string> =>
  format(text, { ...(await resolveConfig(filepath)), filepath });

/** The document as committed (Prettier's JSON layout). */
export const openApiText = (): Promise<string> =>
  pretty(JSON.stringify(openApiDocument()), openApiPath);

/** TypeScript types of every path, operation and schema, as openapi-typescript generates them. */
export const clientTypesText = async (): Promise<string> => {
  const ast = await openapiTS(
    JSON.parse(JSON.stringify(openApiDocument())) as Parameters<typeof openapiTS>[0],
    { exportType: true },
  );
  const banner = '// Generated from docs/openapi.json by `npm run openapi`; do not edit.\n';
  return pretty(`${banner}${astToString(ast)}`, clientTypesPath);
};
