import { z } from 'zod';
import { configFileSchema } from './authored-schema.js';

/** Where the published schema lives, relative to the package root. */
export const JSON_SCHEMA_FILE = 'schema/nanocode.schema.json';

/**
 * The JSON Schema (draft 2020-12) of workflow, profile and templates files as written, generated from the
 * same zod schemas the loader uses. Editors pick it up through `$schema` or a yaml-language-server
 * comment.
 */
export function generateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    // Constraint shapes repeat in steps, templates and degrade steps: share them through $defs.
    reused: 'ref',
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'Nanocode workflow, profile or templates file',
    ...schema,
  };
}
