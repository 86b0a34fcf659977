/**
 * Writes the published JSON Schema of workflow, profile and templates files. Run it after changing a
 * schema: `npx tsx packages/nanocode/scripts/write-schema.ts`. A test fails while the file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateJsonSchema, JSON_SCHEMA_FILE } from '../src/config/generate-json-schema.js';

const target = fileURLToPath(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url));
await writeFile(target, `${JSON.stringify(generateJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
