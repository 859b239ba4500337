import { writeFile } from 'node:fs/promises';
import { clientTypesPath, clientTypesText, openApiPath, openApiText } from './openapi-files.js';

// `npm run openapi`: regenerates the committed OpenAPI document and the typed client's types.
await writeFile(openApiPath, await openApiText());
await writeFile(clientTypesPath, await clientTypesText());
process.stdout.write(`wrote ${openApiPath} and ${clientTypesPath}\n`);
