import { NanocodeError } from '../spec/errors.js';

/** `NC_STORE_UNKNOWN_RUN` for a call that names a run never created. */
export function unknownRunError(options: { run_id: string }): NanocodeError {
  return new NanocodeError({
    code: 'NC_STORE_UNKNOWN_RUN',
    message: `run ${options.run_id} does not exist in the store`,
    details: { run_id: options.run_id },
  });
}

/** `NC_STORE_CONFLICT` for a key that already holds a different value. */
export function conflictError(options: { what: string; details: Record<string, unknown> }): NanocodeError {
  return new NanocodeError({
    code: 'NC_STORE_CONFLICT',
    message: `${options.what} is already stored with a different value`,
    details: options.details,
  });
}

/**
 * `NC_STORE_IO` for a database failure after the store was opened (connection lost, server down, busy,
 * disk full). `message` is the driver's; anything in it shaped like a URL is masked, so a connection
 * string (and the password in it) never reaches a caller or a log.
 */
export function storeIoError(options: {
  operation: string;
  driver_code: string | undefined;
  message: string;
}): NanocodeError {
  const { operation, driver_code } = options;
  const message = options.message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '(url)');
  return new NanocodeError({
    code: 'NC_STORE_IO',
    message: `store ${operation} failed${driver_code === undefined ? '' : ` (${driver_code})`}: ${message}`,
    hint: 'check that the database is up and reachable (or that the disk has space), then retry',
    details: { operation, ...(driver_code === undefined ? {} : { driver_code }) },
  });
}

/** `NC_STORE_CONFLICT` for a unique key the database itself refused (a race two writers ran). */
export function uniqueRaceError(options: { operation: string; driver_code: string }): NanocodeError {
  return new NanocodeError({
    code: 'NC_STORE_CONFLICT',
    message: `store ${options.operation}: another writer stored the same key first`,
    details: { operation: options.operation, driver_code: options.driver_code },
  });
}

/** `NC_EVIDENCE_LOG_RANGE` unless `[start, end)` lies within a tenant's `size` leaves. */
export function checkLeafRange(options: { tenant: string; start: number; end: number; size: number }): void {
  const { tenant, start, end, size } = options;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > size) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_LOG_RANGE',
      message: `leaf range [${start}, ${end}) is outside the ${size} leaves of tenant ${tenant}`,
    });
  }
}
