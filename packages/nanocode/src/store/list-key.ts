import { NanocodeError } from '../spec/errors.js';

/** A listing key: a row's start time and id, the order listings page in (newest first). */
export interface ListKey {
  started_at: string;
  id: string;
}

/**
 * Checks the `after` key of a listing call: `NC_STORE_INPUT` unless both parts are strings. `idName` names
 * the id field in the message (`run_id`, `eval_id`).
 */
export function checkListKey(options: { started_at: unknown; id: unknown; idName: string }): ListKey {
  const { started_at, id, idName } = options;
  if (typeof started_at !== 'string' || typeof id !== 'string') {
    throw new NanocodeError({
      code: 'NC_STORE_INPUT',
      message: `a listing's after key needs started_at and ${idName} strings`,
    });
  }
  return { started_at, id };
}

/**
 * True when a row comes strictly after `key` in listing order (`started_at DESC, id DESC`): it started
 * earlier, or at the same time with a smaller id. The SQL stores say the same with a row-value comparison.
 */
export function isAfterKey(row: ListKey, key: ListKey): boolean {
  return row.started_at < key.started_at || (row.started_at === key.started_at && row.id < key.id);
}

/** Sorts rows in listing order (`started_at DESC, id DESC`), for stores that sort in memory. */
export function compareListOrder(a: ListKey, b: ListKey): number {
  return compareDesc(a.started_at, b.started_at) || compareDesc(a.id, b.id);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
