import { NanocodeError } from '../spec/errors.js';

/**
 * Where a transparency log keeps its leaf hashes, one append-only list per tenant. The log computes
 * every tree hash from these leaves, so a store only needs ordered append and range reads; a SQL
 * store implements the same three methods.
 */
export interface LogLeafStore {
  readonly specificationVersion: 'v1';
  /** Appends a leaf hash to the tenant's list and returns its 0-based index. */
  append(options: { tenant: string; leafHash: Uint8Array }): Promise<number>;
  /** The leaf hashes at indices `[start, end)` of the tenant's list, in order. */
  get(options: { tenant: string; start: number; end: number }): Promise<Uint8Array[]>;
  /** How many leaves the tenant's list holds (0 for a tenant never seen). */
  size(options: { tenant: string }): Promise<number>;
}

/** A {@link LogLeafStore} held in memory, for tests and single-process use. */
export function createMemoryLeafStore(): LogLeafStore {
  const lists = new Map<string, Uint8Array[]>();
  return {
    specificationVersion: 'v1',
    async append({ tenant, leafHash }) {
      const list = lists.get(tenant) ?? [];
      lists.set(tenant, list);
      // Copy so a caller reusing its buffer cannot rewrite history.
      list.push(Uint8Array.from(leafHash));
      return list.length - 1;
    },
    async get({ tenant, start, end }) {
      const list = lists.get(tenant) ?? [];
      if (
        !Number.isSafeInteger(start) ||
        !Number.isSafeInteger(end) ||
        start < 0 ||
        start > end ||
        end > list.length
      ) {
        throw new NanocodeError({
          code: 'NC_EVIDENCE_LOG_RANGE',
          message: `leaf range [${start}, ${end}) is outside the ${list.length} leaves of tenant ${tenant}`,
        });
      }
      return list.slice(start, end).map((leaf) => Uint8Array.from(leaf));
    },
    async size({ tenant }) {
      return lists.get(tenant)?.length ?? 0;
    },
  };
}
