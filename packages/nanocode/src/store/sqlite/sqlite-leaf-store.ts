import type { Database } from 'better-sqlite3';
import type { LogLeafStore } from '../../spec/store.js';
import { checkLeafRange } from '../store-errors.js';

/**
 * The transparency log's leaves in the `log_leaves` table. Appends run in an immediate transaction, so
 * two processes appending to one tenant get distinct, gap-free indices.
 */
export function createSqliteLeafStore(options: { db: Database }): LogLeafStore {
  const { db } = options;
  // Indices are gap-free from 0, so the size is the last index + 1: one index seek, not a count.
  const sizeOf = db.prepare<[string], { size: number }>(
    'SELECT COALESCE(MAX(idx) + 1, 0) AS size FROM log_leaves WHERE tenant = ?',
  );
  const insert = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO log_leaves (tenant, idx, leaf) VALUES (?, ?, ?)',
  );
  const range = db.prepare<[string, number, number], { leaf: Uint8Array }>(
    'SELECT leaf FROM log_leaves WHERE tenant = ? AND idx >= ? AND idx < ? ORDER BY idx',
  );
  const size = (tenant: string): number => sizeOf.get(tenant)?.size ?? 0;
  const append = db.transaction((tenant: string, leafHash: Uint8Array): number => {
    const index = size(tenant);
    insert.run(tenant, index, leafHash);
    return index;
  });

  return {
    specificationVersion: 'v1',
    async append({ tenant, leafHash }) {
      // A Buffer view would alias the caller's bytes until the statement runs; copy to be safe.
      return append.immediate(tenant, Uint8Array.from(leafHash));
    },
    async get({ tenant, start, end }) {
      const read = db.transaction(() => {
        checkLeafRange({ tenant, start, end, size: size(tenant) });
        return range.all(tenant, start, end);
      });
      return read().map((row) => new Uint8Array(row.leaf));
    },
    async size({ tenant }) {
      return size(tenant);
    },
  };
}
