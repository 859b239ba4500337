import { mkdir, writeFile } from 'node:fs/promises';
import { eventSchemaFiles } from './event-schema-files.js';
import { clientTypesPath, clientTypesText, openApiPath, openApiText } from './openapi-files.js';

// `npm run openapi`: regenerates the committed OpenAPI document, the typed client's types and the
// JSON Schema of every integration event contract (docs/events/).
await writeFile(openApiPath, await openApiText());
await writeFile(clientTypesPath, await clientTypesText());
await mkdir('docs/events', { recursive: true });
for (const { path, text } of await eventSchemaFiles()) {
  await writeFile(path, text);
}
process.stdout.write(`wrote ${openApiPath}, ${clientTypesPath} and docs/events/*.schema.json\n`);
