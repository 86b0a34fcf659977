import { dirname, resolve } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import { didYouMean } from './did-you-mean.js';
import { searchDirectories } from './discover-files.js';
import type { Env } from './env-references.js';
import { loadWorkflowDocument } from './load-workflow-document.js';
import { readSource } from './read-source.js';
import { loadProfileCatalog, resolveProfile } from './resolve-profile.js';
import type { SourceDocument } from './source-document.js';
import { loadTemplateCatalog, readTemplatesFile } from './template-catalog.js';
import { uniqueErrors } from './unique-errors.js';
import { validateTemplatesFile } from './validate-templates-file.js';

const FILE_KINDS = ['workflow', 'profile', 'templates'] as const;

/** Options for {@link validateFiles}. */
export interface ValidateFilesOptions {
  /** Workflow, profile and templates files, in any mix; each file's top-level `kind` decides (default `workflow`). */
  files: string[];
  /** Environment for the `${NAME}` presence check; not checked when omitted. */
  env?: Record<string, string | undefined>;
  /** More directories to search for `profiles/` and `templates/`. */
  searchDirs?: string[];
}

async function validateOne(file: string, options: ValidateFilesOptions): Promise<NanocodeError[]> {
  const env: Env | undefined = options.env;
  const documents = new Map<string, SourceDocument>();
  const document = await readSource({ file, documents });
  if (document.errors.length > 0) return document.errors;
  const dirs = await searchDirectories({ from: dirname(file), searchDirs: options.searchDirs ?? [] });
  const templates = await loadTemplateCatalog({ dirs, documents, env });
  const kind = (document.value as { kind?: unknown } | null)?.kind ?? 'workflow';
  switch (kind) {
    case 'workflow': {
      const loaded = loadWorkflowDocument({ document, catalog: templates.catalog, documents, env });
      return [...loaded.errors, ...templates.errors];
    }
    case 'profile': {
      const profiles = await loadProfileCatalog({ dirs, documents });
      const name = (document.value as { name?: unknown }).name;
      const catalog = new Map(profiles.catalog);
      // This file is the one under test, even if a nearer file declares the same name.
      if (typeof name === 'string') catalog.set(name, { name, document });
      const resolved = resolveProfile({ name: typeof name === 'string' ? name : undefined, catalog, env });
      return [...resolved.errors, ...profiles.errors.filter((error) => error.location?.file === file)];
    }
    case 'templates': {
      // The file under test defines its own templates, even when it is not in a templates/ directory.
      const catalog = new Map(templates.catalog);
      for (const template of readTemplatesFile({ document, env }).templates)
        catalog.set(template.name, template);
      return [...validateTemplatesFile({ document, catalog, documents, env }), ...templates.errors];
    }
    default: {
      const hint = didYouMean({ word: String(kind), candidates: FILE_KINDS });
      return [
        new NanocodeError({
          code: 'NC_CFG_UNKNOWN_FILE_KIND',
          message: `unknown file kind \`${String(kind)}\`; expected ${FILE_KINDS.join(', ')}`,
          location: document.locate({ path: ['kind'], mode: 'value' }),
          ...(hint ? { hint } : {}),
        }),
      ];
    }
  }
}

/**
 * Validates files without running anything (for `nanocode validate` and the API). Profile-dependent
 * checks (the adapter allow-list) need a workflow and a profile together: use `loadConfig` for those.
 */
export async function validateFiles(
  options: ValidateFilesOptions,
): Promise<{ ok: boolean; errors: NanocodeError[] }> {
  const errors: NanocodeError[] = [];
  for (const file of options.files) errors.push(...(await validateOne(resolve(file), options)));
  const unique = uniqueErrors(errors);
  return { ok: unique.length === 0, errors: unique };
}
