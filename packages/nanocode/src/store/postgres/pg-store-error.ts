import { NanocodeError } from '../../spec/errors.js';
import { storeIoError, uniqueRaceError } from '../store-errors.js';

/**
 * SQLSTATE classes that mean the database could not do the call, not that the call was wrong: 08
 * connection, 28 authorisation (a password changed under a running server), 3D the database is gone,
 * 40 rolled back (serialisation, deadlock), 53 out of resources (disk full), 57 operator intervention
 * (shutdown, `pg_terminate_backend`), 58 system I/O, XX internal.
 */
const IO_CLASSES = new Set(['08', '28', '3D', '40', '53', '57', '58', 'XX']);

/** Errors a bug in this code throws; they stay as they are (a 500 with a log line, not a 503). */
const PROGRAMMER_ERRORS = [TypeError, SyntaxError, RangeError, ReferenceError];

/**
 * Maps what a PostgreSQL store call threw: driver failures become `NC_STORE_IO` with the operation and
 * the SQLSTATE or socket code (`57P01`, `ECONNREFUSED`), a unique-key race becomes `NC_STORE_CONFLICT`,
 * and the store's own coded errors and programmer errors pass unchanged. `pg`'s messages hold neither
 * the connection URL nor the password.
 */
export function pgStoreError(options: { error: unknown; operation: string }): unknown {
  const { error, operation } = options;
  if (!(error instanceof Error) || error instanceof NanocodeError) return error;
  if (PROGRAMMER_ERRORS.some((kind) => error instanceof kind)) return error;
  const code = (error as { code?: unknown }).code;
  const driver_code = typeof code === 'string' ? code : undefined;
  // A server error carries a SQLSTATE and a severity; socket errors carry an errno name; the driver's own
  // (connection terminated, pool ended, connect timeout) carry neither.
  if (driver_code !== undefined && 'severity' in error) {
    if (driver_code === '23505') return uniqueRaceError({ operation, driver_code });
    if (!IO_CLASSES.has(driver_code.slice(0, 2))) return error;
  }
  return storeIoError({ operation, driver_code, message: error.message });
}
