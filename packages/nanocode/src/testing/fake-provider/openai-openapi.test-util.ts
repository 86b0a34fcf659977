import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { parse } from 'yaml';

// The public OpenAI OpenAPI document lives beside the repository root, in shared/vectors.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** Where the OpenAI OpenAPI document is read from. */
export const OPENAPI_FILE = join(repoRoot, '../shared/vectors/openai-openapi/openapi.yaml');

const SCHEMA_REF = '#/components/schemas/';
const ROOT_ID = 'https://nanocode.test/openai-openapi.json';

/** Validates a value against a named schema of the document; returns the errors, empty when valid. */
export type OpenApiValidate = (options: { schema: string; value: unknown }) => string[];

/**
 * Loads the OpenAI OpenAPI document once and returns a validator for the named component schemas,
 * or `undefined` when the document is absent. `$ref`s resolve inside the document; OpenAPI's
 * `nullable: true` becomes `anyOf [schema, null]`, and the `unixtime` format checks integers.
 */
export function loadOpenApiValidator(options: { schemas: readonly string[] }): OpenApiValidate | undefined {
  if (!existsSync(OPENAPI_FILE)) return undefined;
  const document = parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  const all = document.components.schemas;
  const reachable: Record<string, unknown> = {};
  const pending = [...options.schemas];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in reachable) continue;
    if (all[name] === undefined) throw new Error(`schema ${name} is not in the OpenAPI document`);
    reachable[name] = withNullable({ value: all[name] });
    pending.push(...refsOf({ value: all[name] }));
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  formats.default(ajv);
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: ROOT_ID, components: { schemas: reachable } });
  return ({ schema, value }) => {
    const validate = ajv.getSchema(`${ROOT_ID}${SCHEMA_REF}${schema}`);
    if (validate === undefined) throw new Error(`schema ${schema} was not loaded`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  };
}

function refsOf(options: { value: unknown }): string[] {
  const text = JSON.stringify(options.value);
  return [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** Rewrites OpenAPI 3.0 `nullable: true` (still used in places of the 3.1 document) as JSON Schema. */
function withNullable(options: { value: unknown }): unknown {
  const { value } = options;
  if (Array.isArray(value)) return value.map((item) => withNullable({ value: item }));
  if (typeof value !== 'object' || value === null) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== 'nullable') converted[key] = withNullable({ value: inner });
  }
  return (value as Record<string, unknown>).nullable === true
    ? { anyOf: [converted, { type: 'null' }] }
    : converted;
}
