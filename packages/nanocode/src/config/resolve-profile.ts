import { NanocodeError } from '../spec/errors.js';
import { type Profile, profileSchema } from '../spec/workflow.js';
import { authoredProfileSchema } from './authored-schema.js';
import { didYouMean } from './did-you-mean.js';
import { listConfigFiles } from './discover-files.js';
import { checkEnvReferences, type Env } from './env-references.js';
import { issuesToErrors } from './issues-to-errors.js';
import { mergeProfiles } from './merge-profiles.js';
import { createOriginMap } from './origin-map.js';
import { readSource } from './read-source.js';
import type { SourceDocument } from './source-document.js';

/** The name of the profile that applies when none is named; built in (all defaults) unless a file defines it. */
export const DEFAULT_PROFILE = 'default';

/** A discovered profile file, by the `name` it declares. */
export interface ProfileSource {
  name: string;
  document: SourceDocument;
}

/** Reads every `profiles/*` file of the search directories; nearer directories shadow farther ones. */
export async function loadProfileCatalog(options: {
  dirs: readonly string[];
  documents: Map<string, SourceDocument>;
}): Promise<{ catalog: Map<string, ProfileSource>; errors: NanocodeError[] }> {
  const catalog = new Map<string, ProfileSource>();
  const errors: NanocodeError[] = [];
  for (const files of await listConfigFiles({ dirs: options.dirs, sub: 'profiles' })) {
    const level = new Map<string, ProfileSource>();
    for (const file of files) {
      const document = await readSource({ file, documents: options.documents });
      errors.push(...document.errors);
      const name = (document.value as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string') {
        if (document.errors.length === 0) {
          errors.push(
            new NanocodeError({
              code: 'NC_CFG_MISSING_KEY',
              message: 'a profile file needs a `name`',
              location: document.locate({ path: [], mode: 'value' }),
            }),
          );
        }
        continue;
      }
      const twin = level.get(name);
      if (twin) {
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_DUPLICATE_NAME',
            message: `profile \`${name}\` is also defined in ${twin.document.file}`,
            location: document.locate({ path: ['name'], mode: 'value' }),
          }),
        );
        continue;
      }
      level.set(name, { name, document });
      if (!catalog.has(name)) catalog.set(name, { name, document });
    }
  }
  return { catalog, errors };
}

/** Validates one profile file as written (with `kind: profile` and `extends`). */
export function checkProfileDocument(options: { document: SourceDocument; env: Env | undefined }): {
  value: Record<string, unknown> | undefined;
  errors: NanocodeError[];
} {
  const { document } = options;
  if (document.errors.length > 0) return { value: undefined, errors: document.errors };
  const checked = checkEnvReferences({ document, kind: 'profile', env: options.env });
  const origins = createOriginMap({ documents: new Map([[document.file, document]]) });
  origins.set({ path: [], origin: { file: document.file, path: [] } });
  const parsed = authoredProfileSchema.safeParse(checked.value);
  const name = (checked.value as { name?: unknown }).name;
  const errors = [...checked.errors];
  if (!parsed.success) {
    errors.push(
      ...issuesToErrors({
        issues: parsed.error.issues,
        schema: authoredProfileSchema,
        value: checked.value,
        origins,
        subject: typeof name === 'string' ? `profile \`${name}\`` : 'profile',
      }),
    );
  }
  return { value: checked.value as Record<string, unknown>, errors };
}

/**
 * Resolves a profile by name: follows `extends` (cycles and unknown names are errors), merges parents
 * first, and fills every default. Returns the files it read, nearest profile first.
 */
export function resolveProfile(options: {
  name: string | undefined;
  catalog: ReadonlyMap<string, ProfileSource>;
  env: Env | undefined;
}): { profile: Profile | undefined; errors: NanocodeError[]; sources: string[] } {
  const errors: NanocodeError[] = [];
  const chain: Record<string, unknown>[] = [];
  const names: string[] = [];
  const sources: string[] = [];
  let current = options.name ?? DEFAULT_PROFILE;
  let via: SourceDocument | undefined;
  for (;;) {
    const location = via?.locate({ path: ['extends'], mode: 'value' });
    if (names.includes(current)) {
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_PROFILE_CYCLE',
          message: `profiles extend each other in a cycle: ${[...names.slice(names.indexOf(current)), current].join(' → ')}`,
          ...(location ? { location } : {}),
        }),
      );
      break;
    }
    const source = options.catalog.get(current);
    if (!source) {
      if (current === DEFAULT_PROFILE) {
        chain.push({ kind: 'profile', name: DEFAULT_PROFILE });
        names.push(current);
        break;
      }
      const hint = didYouMean({ word: current, candidates: [...options.catalog.keys(), DEFAULT_PROFILE] });
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_UNKNOWN_PROFILE',
          message: `no profile named \`${current}\` in any profiles/ directory`,
          ...(location ? { location } : {}),
          ...(hint ? { hint } : {}),
        }),
      );
      break;
    }
    const checked = checkProfileDocument({ document: source.document, env: options.env });
    errors.push(...checked.errors);
    if (!checked.value) break;
    chain.push(checked.value);
    names.push(current);
    sources.push(source.document.file);
    const parent = checked.value.extends;
    if (typeof parent !== 'string') break;
    via = source.document;
    current = parent;
  }
  if (errors.length > 0) return { profile: undefined, errors, sources };
  let merged: unknown = {};
  for (const layer of chain.reverse()) merged = mergeProfiles({ parent: merged, child: layer });
  const { extends: _parent, $schema: _schema, ...rest } = merged as Record<string, unknown>;
  const parsed = profileSchema.safeParse({ ...rest, name: names[0] });
  if (!parsed.success) {
    // Each layer was valid alone, so this is a merge problem; report it at the named profile.
    const first = options.catalog.get(names[0] ?? '');
    errors.push(
      new NanocodeError({
        code: 'NC_CFG_INVALID_VALUE',
        message: `profile \`${names[0]}\` is invalid once merged with its parents: ${parsed.error.issues[0]?.message ?? ''}`,
        ...(first ? { location: first.document.locate({ path: [], mode: 'value' }) } : {}),
      }),
    );
    return { profile: undefined, errors, sources };
  }
  return { profile: parsed.data, errors, sources };
}
