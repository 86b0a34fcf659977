import { isAbsolute, relative } from 'node:path';
import type { Env } from '../../config/env-references.js';
import { type ProfileSource, resolveProfile } from '../../config/resolve-profile.js';
import type { ConfigPath, SourceDocument } from '../../config/source-document.js';
import type { NanocodeError, SourceLocation } from '../../spec/errors.js';
import type { PolicyDocument } from '../../spec/store.js';
import { policyCatalog } from './policy-catalog.js';

/** One problem of a policy document set, as the API reports it. */
export interface PolicyIssue {
  /** The API-managed profile being resolved when the problem was found. */
  profile: string;
  code: string;
  message: string;
  /** Where the problem is: `api-policy/<name>.json` for an API-managed document, else the profile file. */
  file: string;
  /** A JSON pointer into that document (`/waivers/0/reason`); empty for the document as a whole. */
  pointer: string;
  hint?: string;
}

/**
 * Resolves every API-managed profile of a document set over the project's profile files, exactly as a
 * run would (`extends`, waivers, budgets, `${ENV}` rules, merged schema), and lists every problem with a
 * pointer. An empty list means every profile of the set can run.
 */
export function checkPolicy(options: {
  documents: Readonly<Record<string, PolicyDocument>>;
  files: ReadonlyMap<string, ProfileSource>;
  env: Env;
  projectDir: string;
}): PolicyIssue[] {
  const overlay = policyCatalog({ documents: options.documents });
  const catalog = new Map([...options.files, ...overlay]);
  const issues = new Map<string, PolicyIssue>();
  for (const name of Object.keys(options.documents).sort()) {
    const { errors } = resolveProfile({ name, catalog, env: options.env });
    for (const issue of toPolicyIssues({ errors, profile: name, projectDir: options.projectDir, overlay })) {
      issues.set(`${issue.code}\u0000${issue.file}\u0000${issue.pointer}\u0000${issue.message}`, issue);
    }
  }
  return [...issues.values()];
}

/**
 * The errors of resolving `profile` as API issues: file paths relative to the project, and a pointer into
 * the document for every error, also those located by line and column only.
 */
export function toPolicyIssues(options: {
  errors: readonly NanocodeError[];
  profile: string;
  projectDir: string;
  overlay: ReadonlyMap<string, ProfileSource>;
}): PolicyIssue[] {
  const byFile = new Map([...options.overlay.values()].map((s) => [s.document.file, s.document]));
  return options.errors.map((error) =>
    toIssue({
      error,
      profile: options.profile,
      projectDir: options.projectDir,
      document: byFile.get(error.location?.file ?? ''),
    }),
  );
}

function toIssue(options: {
  error: NanocodeError;
  profile: string;
  projectDir: string;
  document: SourceDocument | undefined;
}): PolicyIssue {
  const { error, document } = options;
  const location = error.location;
  const file = location?.file ?? '';
  const pointer =
    location?.path ?? (document && location ? pointerAt({ document, location }) : undefined) ?? '';
  return {
    profile: options.profile,
    code: error.code,
    message: error.message,
    file: isAbsolute(file) ? relative(options.projectDir, file) : file,
    pointer,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  };
}

/**
 * The deepest path of an API-managed document whose value sits at `location`: some checks (environment
 * references, `extends`) locate their errors by line and column only, and an API client wants a pointer.
 */
function pointerAt(options: { document: SourceDocument; location: SourceLocation }): string | undefined {
  const { document, location } = options;
  let found: ConfigPath | undefined;
  const visit = (value: unknown, path: ConfigPath): void => {
    const at = document.locate({ path, mode: 'value' });
    if (at.line === location.line && at.column === location.column && path.length >= (found?.length ?? 0)) {
      found = path;
    }
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...path, index]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(document.value, []);
  return found === undefined ? undefined : `/${found.join('/')}`;
}
