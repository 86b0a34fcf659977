import type { Database, Statement } from 'better-sqlite3';
import type { ListRunsOptions } from '../../spec/store.js';
import { listRunsQuery } from '../list-runs-query.js';
import type { RunRow } from './sqlite-statements.js';

/** A listed row: the run and how many events it holds. */
export type ListedRunRow = RunRow & { event_count: number };

/** The SQL of a listing with the given body (from {@link listRunsQuery}), limit last. */
export function sqliteListRunsSql(options: { body: string }): string {
  return `SELECT r.*, (SELECT COUNT(*) FROM events e WHERE e.run_id = r.run_id) AS event_count
    ${options.body} LIMIT ?`;
}

/**
 * Lists runs with one prepared statement per filter combination, prepared on first use and kept, so
 * each combination is planned once against the index that fits it.
 */
export function createSqliteListRuns(options: {
  db: Database;
}): (args: { filters: ListRunsOptions; limit: number }) => ListedRunRow[] {
  const { db } = options;
  const statements = new Map<string, Statement<unknown[], ListedRunRow>>();
  return ({ filters, limit }) => {
    const { body, values } = listRunsQuery({ filters, placeholder: () => '?' });
    const sql = sqliteListRunsSql({ body });
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], ListedRunRow>(sql);
      statements.set(sql, statement);
    }
    return statement.all(...values, limit);
  };
}
