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
