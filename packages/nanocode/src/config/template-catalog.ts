import { z } from 'zod';
import { NanocodeError } from '../spec/errors.js';
import { promptTextSchema } from './authored-schema.js';
import { listConfigFiles } from './discover-files.js';
import { checkEnvReferences, type Env } from './env-references.js';
import { issuesToErrors } from './issues-to-errors.js';
import { createOriginMap } from './origin-map.js';
import { readSource } from './read-source.js';
import type { ConfigPath, SourceDocument } from './source-document.js';

/** One named template: a constraint list or a prompt fragment, and where it was written. */
export interface TemplateDefinition {
  name: string;
  file: string;
  kind: 'constraints' | 'prompt';
  /** The authored constraint list or prompt text (sugar not yet expanded). */
  value: unknown;
  /** Path of `value` inside `file`. */
  path: ConfigPath;
}

/** Templates by name, nearest directory first; a nearer template shadows a farther one. */
export type TemplateCatalog = Map<string, TemplateDefinition>;

// File-level shape only: the constraints inside are checked where they are used, in their own context.
const templatesShellSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('templates'),
  description: z.string().optional(),
  templates: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'template names are letters, digits, `_`, `-` and `.`'),
    z.strictObject({
      description: z.string().optional(),
      constraints: z.array(z.unknown()).min(1).optional(),
      prompt: promptTextSchema.optional(),
    }),
  ),
});

/** Validates one templates file and lists its templates. */
export function readTemplatesFile(options: { document: SourceDocument; env: Env | undefined }): {
  templates: TemplateDefinition[];
  errors: NanocodeError[];
} {
  const { document } = options;
  if (document.errors.length > 0) return { templates: [], errors: document.errors };
  const checked = checkEnvReferences({ document, kind: 'templates', env: options.env });
  const origins = createOriginMap({ documents: new Map([[document.file, document]]) });
  origins.set({ path: [], origin: { file: document.file, path: [] } });
  const parsed = templatesShellSchema.safeParse(checked.value);
  const subject = `templates file`;
  const errors = [...checked.errors];
  if (!parsed.success) {
    errors.push(
      ...issuesToErrors({
        issues: parsed.error.issues,
        schema: templatesShellSchema,
        value: checked.value,
        origins,
        subject,
      }),
    );
    return { templates: [], errors };
  }
  const templates: TemplateDefinition[] = [];
  for (const [name, entry] of Object.entries(parsed.data.templates)) {
    const kinds = (['constraints', 'prompt'] as const).filter((key) => entry[key] !== undefined);
    const kind = kinds[0];
    if (kinds.length !== 1 || kind === undefined) {
      errors.push(
        new NanocodeError({
          code: kinds.length === 0 ? 'NC_CFG_MISSING_KEY' : 'NC_CFG_INVALID_VALUE',
          message: `template \`${name}\` needs exactly one of \`constraints\` or \`prompt\``,
          location: document.locate({
            path: ['templates', name],
            mode: kinds.length === 0 ? 'value' : 'key',
          }),
        }),
      );
      continue;
    }
    const value = (checked.value as { templates: Record<string, Record<string, unknown>> }).templates[name]?.[
      kind
    ];
    templates.push({ name, file: document.file, kind, value, path: ['templates', name, kind] });
  }
  return { templates, errors };
}

/** Reads every `templates/*` file of the search directories into one catalog. */
export async function loadTemplateCatalog(options: {
  dirs: readonly string[];
  documents: Map<string, SourceDocument>;
  env: Env | undefined;
}): Promise<{ catalog: TemplateCatalog; errors: NanocodeError[] }> {
  const catalog: TemplateCatalog = new Map();
  const errors: NanocodeError[] = [];
  for (const files of await listConfigFiles({ dirs: options.dirs, sub: 'templates' })) {
    const level = new Map<string, TemplateDefinition>();
    for (const file of files) {
      const document = await readSource({ file, documents: options.documents });
      const read = readTemplatesFile({ document, env: options.env });
      errors.push(...read.errors);
      for (const template of read.templates) {
        const twin = level.get(template.name);
        if (twin) {
          errors.push(
            new NanocodeError({
              code: 'NC_CFG_DUPLICATE_NAME',
              message: `template \`${template.name}\` is also defined in ${twin.file}`,
              location: document.locate({ path: ['templates', template.name], mode: 'key' }),
            }),
          );
          continue;
        }
        level.set(template.name, template);
        if (!catalog.has(template.name)) catalog.set(template.name, template);
      }
    }
  }
  return { catalog, errors };
}
