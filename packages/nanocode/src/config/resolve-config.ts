import type { NanocodeError } from '../spec/errors.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import type { Env } from './env-references.js';
import { finishConfig } from './finish-config.js';
import { loadWorkflowDocument } from './load-workflow-document.js';
import { type ProfileSource, resolveProfile } from './resolve-profile.js';
import { parseSourceDocument, type SourceDocument } from './source-document.js';
import { readTemplatesFile, type TemplateCatalog } from './template-catalog.js';

/** Options for {@link resolveConfig}. */
export interface ResolveConfigOptions {
  /** A workflow as a plain object, in the same shape as a workflow file. */
  workflow: Record<string, unknown>;
  /** Profiles as plain objects (each with `name`, optional `extends`). */
  profiles?: Record<string, unknown>[];
  /** Which profile to apply; `default` when omitted. */
  profile?: string;
  /** Templates files as plain objects (`kind: templates`). */
  templates?: Record<string, unknown>[];
  env?: Env;
}

/**
 * Resolves a workflow given as a TypeScript object, with exactly the checks and defaults of
 * {@link loadConfig}. Error locations name virtual files (`<workflow>`, `<profile:NAME>`) with
 * line:column in the JSON rendering of each object.
 */
export function resolveConfig(options: ResolveConfigOptions): ResolvedConfig {
  const env = options.env;
  const documents = new Map<string, SourceDocument>();
  const virtual = (file: string, value: unknown): SourceDocument => {
    const document = parseSourceDocument({ file, text: JSON.stringify(value, null, 2) });
    documents.set(file, document);
    return document;
  };
  const catalog: TemplateCatalog = new Map();
  const errors: NanocodeError[] = [];
  for (const [i, templates] of (options.templates ?? []).entries()) {
    const read = readTemplatesFile({ document: virtual(`<templates:${i}>`, templates), env });
    errors.push(...read.errors);
    for (const definition of read.templates) catalog.set(definition.name, definition);
  }
  const profiles = new Map<string, ProfileSource>();
  for (const profile of options.profiles ?? []) {
    const name = String(profile.name);
    profiles.set(name, { name, document: virtual(`<profile:${name}>`, { kind: 'profile', ...profile }) });
  }
  const used = new Set<string>();
  const loaded = loadWorkflowDocument({
    document: virtual('<workflow>', options.workflow),
    catalog,
    documents,
    env,
    used,
  });
  const resolved = resolveProfile({ name: options.profile, catalog: profiles, env });
  return finishConfig({
    loaded,
    resolved,
    errors: [...errors, ...loaded.errors, ...resolved.errors],
    sources: ['<workflow>', ...resolved.sources],
  });
}
