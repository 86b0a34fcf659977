import { z } from 'zod';
import { extractReferences, TemplateError } from '../render/render-template.js';
import { constraintSchema } from '../spec/constraint-kinds.js';
import { NanocodeError } from '../spec/errors.js';
import { checkConstraintList, createCelChecker } from './check-constraints.js';
import type { Env } from './env-references.js';
import { expandConstraintList, expandPromptText } from './expand-templates.js';
import { issuesToErrors } from './issues-to-errors.js';
import { createOriginMap } from './origin-map.js';
import type { SourceDocument } from './source-document.js';
import { readTemplatesFile, type TemplateCatalog } from './template-catalog.js';

const constraintListSchema = z.object({ constraints: z.array(constraintSchema) });

/**
 * Validates every template of a templates file on its own: constraint sets expand and validate as
 * constraints; prompt fragments expand and their placeholders parse. Inputs and steps they refer to
 * are checked where a workflow uses them.
 */
export function validateTemplatesFile(options: {
  document: SourceDocument;
  catalog: TemplateCatalog;
  documents: ReadonlyMap<string, SourceDocument>;
  env: Env | undefined;
}): NanocodeError[] {
  const read = readTemplatesFile({ document: options.document, env: options.env });
  const errors = [...read.errors];
  const cel = createCelChecker();
  for (const template of read.templates) {
    const ctx = { catalog: options.catalog, documents: options.documents, errors };
    const source = { file: template.file, path: template.path };
    if (template.kind === 'prompt') {
      const joined = expandPromptText(ctx, { value: template.value, source, stack: [template.name] });
      try {
        extractReferences(joined?.text ?? '');
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_INVALID_TEMPLATE_REF',
            message: error.message,
            location: options.document.locate({ path: template.path, mode: 'value' }),
          }),
        );
      }
      continue;
    }
    const expanded = expandConstraintList(ctx, {
      list: template.value as unknown[],
      source,
      stack: [template.name],
    });
    const origins = createOriginMap({ documents: options.documents });
    const constraints = expanded.map((entry, index) => {
      origins.set({ path: ['constraints', index], origin: entry.origin });
      for (const key of entry.notKeys ?? []) {
        if (entry.notOrigin) {
          origins.set({
            path: ['constraints', index, key],
            origin: { ...entry.notOrigin, path: [...entry.notOrigin.path, key] },
          });
        }
      }
      return entry.value;
    });
    const list = { constraints };
    const parsed = constraintListSchema.safeParse(list);
    const subject = `template \`${template.name}\``;
    if (!parsed.success) {
      errors.push(
        ...issuesToErrors({
          issues: parsed.error.issues,
          schema: constraintListSchema,
          value: list,
          origins,
          subject,
        }),
      );
      continue;
    }
    errors.push(
      ...checkConstraintList({
        constraints: parsed.data.constraints,
        path: ['constraints'],
        origins,
        owner: subject,
        runLevel: false,
        cel,
      }),
    );
  }
  return errors;
}
