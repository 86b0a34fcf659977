import { NanocodeError } from '../../spec/errors.js';
import { storeIoError, uniqueRaceError } from '../store-errors.js';

/**
 * Primary SQLite result codes that mean the file could not serve the call, not that the call was wrong:
 * busy or locked past the busy timeout, I/O errors, disk full, read-only, corrupt, not a database, out
 * of memory, interrupted, lock protocol and permission failures.
 */
const IO_CODES = new Set([
  'BUSY',
  'LOCKED',
  'IOERR',
  'FULL',
  'READONLY',
  'CORRUPT',
  'NOTADB',
  'CANTOPEN',
  'NOMEM',
  'INTERRUPT',
  'PROTOCOL',
  'NOLCK',
  'PERM',
]);

/**
 * Maps what a SQLite store call threw: a `SqliteError` with an I/O code (`SQLITE_BUSY`, `SQLITE_IOERR_*`,
 * `SQLITE_FULL`, ...) becomes `NC_STORE_IO` with the operation and that code, a unique-key violation
 * becomes `NC_STORE_CONFLICT`, and everything else (the store's own coded errors, bugs) passes unchanged.
 */
export function sqliteStoreError(options: { error: unknown; operation: string }): unknown {
  const { error, operation } = options;
  if (!(error instanceof Error) || error instanceof NanocodeError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return uniqueRaceError({ operation, driver_code: code });
  }
  const primary = code.slice('SQLITE_'.length).split('_')[0] ?? '';
  if (!IO_CODES.has(primary)) return error;
  return storeIoError({ operation, driver_code: code, message: error.message });
}
