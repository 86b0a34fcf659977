import { join } from 'node:path';
import { loadProfileCatalog, type ProfileSource } from '../../config/resolve-profile.js';
import type { SourceDocument } from '../../config/source-document.js';

/**
 * The project's profile files (`profiles/`, then `examples/profiles/`), by name: the base the tenants'
 * API-managed profiles overlay.
 */
export async function loadProjectProfiles(options: {
  projectDir: string;
}): Promise<Map<string, ProfileSource>> {
  const documents = new Map<string, SourceDocument>();
  const { catalog } = await loadProfileCatalog({
    dirs: [options.projectDir, join(options.projectDir, 'examples')],
    documents,
  });
  return catalog;
}
