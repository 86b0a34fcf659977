import { isAbsolute, resolve } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import type { RunStore } from '../spec/store.js';
import { createMemoryStore } from './memory/create-memory-store.js';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * `sqlite:<path>`, a bare file path, `memory:`, or a `postgres://` / `postgresql://` URL (an optional
   * `?schema=<name>` picks the PostgreSQL schema). Relative paths resolve from `cwd`. When absent, the
   * embedded SQLite file `<cwd>/.nanocode/nanocode.db`.
   */
  url?: string;
  /** The folder relative paths (and the default file) are resolved from. */
  cwd: string;
}

/** The default store file, relative to the working directory. */
export const DEFAULT_STORE_PATH = '.nanocode/nanocode.db';

/**
 * Opens the {@link RunStore} a URL names. SQLite and PostgreSQL load on demand (a dynamic import), so
 * importing the library loads neither driver. Other schemes throw `NC_STORE_UNSUPPORTED`.
 */
export async function openStore(options: OpenStoreOptions): Promise<RunStore> {
  const url = options.url ?? DEFAULT_STORE_PATH;
  if (url === 'memory:') return createMemoryStore();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { createPostgresStore } = await import('./postgres/create-postgres-store.js');
    return createPostgresStore(postgresOptions({ url }));
  }
  const path = sqlitePath(url);
  if (path === undefined) {
    throw new NanocodeError({
      code: 'NC_STORE_UNSUPPORTED',
      message: `store URL scheme ${scheme ?? url}: is not supported`,
      hint: 'use sqlite:<path>, a file path, memory:, or postgres://user@host/database',
    });
  }
  const { createSqliteStore } = await import('./sqlite/create-sqlite-store.js');
  return createSqliteStore({ path: isAbsolute(path) ? path : resolve(options.cwd, path) });
}

/** The file path of a SQLite URL or bare path; undefined for any other scheme. */
function sqlitePath(url: string): string | undefined {
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  // A one-letter "scheme" is a Windows drive (C:\...), not a URL.
  if (/^[a-z][a-z0-9+.-]+:/i.test(url)) return undefined;
  return url;
}

/** Splits the `schema` query parameter, which is nanocode's, from the URL `pg` connects with. */
function postgresOptions(options: { url: string }): { url: string; schema?: string } {
  const parsed = new URL(options.url);
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { url: options.url };
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}
