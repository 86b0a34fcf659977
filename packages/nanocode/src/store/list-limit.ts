import { NanocodeError } from '../spec/errors.js';

/** How many runs `RunStore.listRuns` returns when no `limit` is given. */
export const DEFAULT_LIST_LIMIT = 50;
/** The most runs one `listRuns` call returns; larger limits are capped to it. */
export const MAX_LIST_LIMIT = 1000;

/**
 * The effective listing limit: {@link DEFAULT_LIST_LIMIT} when absent, capped at {@link MAX_LIST_LIMIT}.
 * A limit that is not a positive integer throws `NC_STORE_INPUT`.
 */
export function resolveListLimit(options: { limit: number | undefined }): number {
  const { limit } = options;
  if (limit === undefined) return DEFAULT_LIST_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new NanocodeError({
      code: 'NC_STORE_INPUT',
      message: `listRuns limit ${JSON.stringify(limit)} is not a positive integer`,
    });
  }
  return Math.min(limit, MAX_LIST_LIMIT);
}
