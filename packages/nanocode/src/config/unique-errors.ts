import type { NanocodeError } from '../spec/errors.js';

/** Drops repeats (a template used twice reports its problems once), keeping first-seen order. */
export function uniqueErrors(errors: readonly NanocodeError[]): NanocodeError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = error.format();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
