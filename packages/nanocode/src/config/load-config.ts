import { dirname, resolve } from 'node:path';
import type { ResolvedConfig } from '../spec/workflow.js';
import { ConfigLoadError } from './config-load-error.js';
import { searchDirectories } from './discover-files.js';
import type { Env } from './env-references.js';
import { finishConfig } from './finish-config.js';
import { loadWorkflowDocument } from './load-workflow-document.js';
import { readSource } from './read-source.js';
import { loadProfileCatalog, type ProfileSource, resolveProfile } from './resolve-profile.js';
import type { SourceDocument } from './source-document.js';
import { loadTemplateCatalog } from './template-catalog.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The workflow file (YAML or JSON). */
  workflowFile: string;
  /** The profile to apply; `default` when omitted (built in, all defaults, unless a file defines it). */
  profile?: string;
  /** More directories to search for `profiles/` and `templates/`, after the workflow's own ancestors. */
  searchDirs?: string[];
  /**
   * Environment for the `${NAME}` presence check of provider `base_url`/`api_key`. When omitted, presence
   * is not checked at load time; `resolveSecret` checks it at call time.
   */
  env?: Record<string, string | undefined>;
  /**
   * The load time. Waivers are kept as written even when expired: the runner decides, and records
   * `waiver.expired`. Accepted so callers pass one clock everywhere.
   */
  now?: Date;
  /**
   * Profiles that take precedence over the profile files of the same name (the server's API-managed
   * policy overlay); a file profile may extend one, and one may extend a file profile.
   */
  profiles?: ReadonlyMap<string, ProfileSource>;
}

/**
 * Loads a workflow, its templates and a profile into one resolved configuration with every default
 * filled, and its JCS SHA-256 digests. Throws a {@link ConfigLoadError} listing every problem found.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const file = resolve(options.workflowFile);
  const env: Env | undefined = options.env;
  const documents = new Map<string, SourceDocument>();
  const document = await readSource({ file, documents });
  const dirs = await searchDirectories({ from: dirname(file), searchDirs: options.searchDirs ?? [] });
  const templates = await loadTemplateCatalog({ dirs, documents, env });
  const profiles = await loadProfileCatalog({ dirs, documents });
  const used = new Set<string>();
  const loaded = loadWorkflowDocument({ document, catalog: templates.catalog, documents, env, used });
  const catalog =
    options.profiles === undefined ? profiles.catalog : new Map([...profiles.catalog, ...options.profiles]);
  const resolved = resolveProfile({ name: options.profile, catalog, env });
  return finishConfig({
    loaded,
    resolved,
    errors: [...loaded.errors, ...templates.errors, ...profiles.errors, ...resolved.errors],
    sources: [file, ...resolved.sources, ...[...used].sort()],
  });
}
