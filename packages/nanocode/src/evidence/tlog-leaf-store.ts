import { NanocodeError } from '../spec/errors.js';

import type { LogLeafStore } from '../spec/store.js';

export type { LogLeafStore } from '../spec/store.js';

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
