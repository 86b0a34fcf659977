import { isAbsolute, resolve } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import type { RunStore } from '../spec/store.js';
import { createMemoryStore } from './memory/create-memory-store.js';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * `sqlite:<path>`, a bare file path, or `memory:`. Relative paths resolve from `cwd`. When absent, the
   * embedded SQLite file `<cwd>/.nanocode/nanocode.db`.
   */
  url?: string;
  /** The folder relative paths (and the default file) are resolved from. */
  cwd: string;
}

/** The default store file, relative to the working directory. */
export const DEFAULT_STORE_PATH = '.nanocode/nanocode.db';

/**
 * Opens the {@link RunStore} a URL names. SQLite loads on demand (a dynamic import), so importing the
 * library never loads the native module. `postgres://` and other schemes throw `NC_STORE_UNSUPPORTED`.
 */
export async function openStore(options: OpenStoreOptions): Promise<RunStore> {
  const url = options.url ?? DEFAULT_STORE_PATH;
  if (url === 'memory:') return createMemoryStore();
  const path = sqlitePath(url);
  if (path === undefined) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? url;
    const postgres = scheme === 'postgres' || scheme === 'postgresql';
    throw new NanocodeError({
      code: 'NC_STORE_UNSUPPORTED',
      message: `store URL scheme ${scheme}: is not supported`,
      hint: postgres
        ? 'PostgreSQL arrives with the scale-out runtime; use sqlite:<path> or memory: for now'
        : 'use sqlite:<path>, a file path, or memory:',
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
