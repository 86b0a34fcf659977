import type { ProfileSource } from '../../config/resolve-profile.js';
import { parseSourceDocument } from '../../config/source-document.js';
import type { PolicyDocument } from '../../spec/store.js';

/** The pseudo file an API-managed profile is read from: what error locations and `sources` name. */
export function policyDocumentFile(options: { name: string }): string {
  return `api-policy/${options.name}.json`;
}

/**
 * The API-managed profile documents as profile sources, to overlay on the project's profile files. Each
 * is parsed from its JSON text like a `.json` profile file, so errors point at `api-policy/<name>.json`
 * with a JSON pointer (`location.path`) into the document.
 */
export function policyCatalog(options: {
  documents: Readonly<Record<string, PolicyDocument>>;
}): Map<string, ProfileSource> {
  const catalog = new Map<string, ProfileSource>();
  for (const [name, value] of Object.entries(options.documents)) {
    const file = policyDocumentFile({ name });
    const document = parseSourceDocument({ file, text: JSON.stringify(value, null, 2) });
    catalog.set(name, { name, document });
  }
  return catalog;
}
