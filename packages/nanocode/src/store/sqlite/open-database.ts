import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { NanocodeError } from '../../spec/errors.js';
import { migrate } from './migrations.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  path: string;
  /** How long a writer waits for another process's write lock before failing. */
  busy_timeout_ms: number;
}

/**
 * Opens (creating if needed) a store database: parent folders with mode 0700, the file with mode 0600
 * (SQLite gives its -wal and -shm files the same mode), WAL journaling so readers never block the
 * writer, a busy timeout so concurrent writers queue instead of failing, foreign keys on, and the schema
 * migrated. Any failure is `NC_STORE_OPEN` naming the path, without the driver's stack.
 */
export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  const { path } = options;
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Creating the file ourselves is the only way to choose its mode; SQLite treats an empty file as new.
    closeSync(openSync(path, 'a', 0o600));
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busy_timeout_ms))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal mode is ${String(mode)}, not wal`);
    db.pragma('foreign_keys = ON');
    migrate({ db, path });
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof NanocodeError) throw error;
    throw new NanocodeError({
      code: 'NC_STORE_OPEN',
      message: `cannot open store ${path}: ${(error as Error).message}`,
      hint: 'check the path and its permissions; move a damaged file aside to start a new store',
      details: { path },
    });
  }
}
