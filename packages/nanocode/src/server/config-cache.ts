import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ProfileSource } from '../config/resolve-profile.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** Profiles overlaid on the files (a tenant's API-managed policy), with a key naming their content. */
export interface ProfileOverlay {
  /** Changes whenever the profiles do (the policy digest). */
  key: string;
  profiles: ReadonlyMap<string, ProfileSource>;
}

/** Loads a workflow under a profile (and an overlay); what the cache wraps. */
export type ConfigLoader = (options: {
  file: string;
  profile?: string;
  overlay?: ProfileOverlay;
}) => Promise<ResolvedConfig>;

/**
 * Resolved configurations by workflow file, profile and overlay key, reused while every file they came
 * from is unchanged (same size and modification time). A server answers many requests with one workflow,
 * and loading it (reading, parsing, checking) costs more than the run. A new file that would shadow a
 * profile or template is only seen once one of the sources changes, or after a restart. Bounded.
 */
export function createConfigCache(options: { load: ConfigLoader; maxEntries?: number }): ConfigLoader {
  const entries = new Map<string, { config: ResolvedConfig; stamps: string[] }>();
  const max = options.maxEntries ?? 64;
  return async ({ file, profile, overlay }) => {
    const key = `${file}\u0000${profile ?? ''}\u0000${overlay?.key ?? ''}`;
    const cached = entries.get(key);
    if (cached && (await stamps(cached.config.sources)).join('\n') === cached.stamps.join('\n'))
      return cached.config;
    const config = await options.load({
      file,
      ...(profile === undefined ? {} : { profile }),
      ...(overlay === undefined ? {} : { overlay }),
    });
    if (entries.size >= max) entries.delete(entries.keys().next().value as string);
    entries.set(key, { config, stamps: await stamps(config.sources) });
    return config;
  };
}

async function stamps(files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) => {
      // Overlay profiles are named by a relative pseudo path; the overlay key already covers them.
      if (!isAbsolute(file)) return `${file}:overlay`;
      const info = await stat(file).catch(() => undefined);
      return info ? `${file}:${info.size}:${info.mtimeMs}` : `${file}:missing`;
    }),
  );
}
