import type { Pool } from 'pg';
import { withPoolClient } from '../../store/postgres/with-pool-client.js';

/**
 * The executor's own tables, beside DBOS's in the system database schema: the workers and their
 * heartbeats (for the reaper), each execution of each run (who ran it, in what order), the paid
 * effects each execution began (so a resumed run can name the calls it makes again), and the recent
 * grants of each provider's rate limit.
 */
const TABLES = [
  `CREATE TABLE IF NOT EXISTS nanocode_workers (
     executor_id TEXT PRIMARY KEY,
     host TEXT NOT NULL,
     pid INTEGER NOT NULL,
     nonce TEXT NOT NULL,
     app_version TEXT NOT NULL,
     started_at TIMESTAMPTZ NOT NULL,
     heartbeat_at TIMESTAMPTZ NOT NULL,
     longest_attempt_ms INTEGER NOT NULL DEFAULT 0,
     stopped_at TIMESTAMPTZ,
     reaped_at TIMESTAMPTZ,
     reaped_by TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS nanocode_executions (
     run_id TEXT NOT NULL,
     n INTEGER NOT NULL,
     executor_id TEXT NOT NULL,
     started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     PRIMARY KEY (run_id, n)
   )`,
  `CREATE TABLE IF NOT EXISTS nanocode_effect_starts (
     run_id TEXT NOT NULL,
     key TEXT NOT NULL,
     execution INTEGER NOT NULL,
     executor_id TEXT NOT NULL,
     started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     PRIMARY KEY (run_id, key, execution)
   )`,
  `CREATE TABLE IF NOT EXISTS nanocode_rate_grants (
     provider TEXT NOT NULL,
     granted_at TIMESTAMPTZ NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS nanocode_rate_grants_window ON nanocode_rate_grants (provider, granted_at)',
];

/**
 * Creates the engine's tables (through `migrateEngine`) and the executor's in `schema` when missing.
 * Workers starting together on a fresh database take turns on an advisory lock: concurrent
 * `CREATE ... IF NOT EXISTS` and DBOS's own migrations race otherwise ("tuple concurrently updated").
 */
export async function prepareExecutorTables(options: {
  pool: Pool;
  schema: string;
  migrateEngine: () => Promise<void>;
}): Promise<void> {
  await withPoolClient({
    pool: options.pool,
    use: async (client) => {
      // Polled, not waited for in one statement: a waiting statement holds a snapshot, and DBOS's
      // CREATE INDEX CONCURRENTLY in the lock holder would wait for that snapshot (a deadlock).
      for (let tries = 0; ; tries += 1) {
        const { rows } = await client.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext('nanocode.executor.tables')) AS ok",
        );
        if (rows[0]?.ok === true) break;
        if (tries >= 600)
          throw new Error('another worker has been preparing the system database for a minute');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      try {
        await options.migrateEngine();
        await client.query('BEGIN');
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
        for (const sql of TABLES) await client.query(sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('nanocode.executor.tables'))");
      }
    },
  });
}

/** One execution of a run: its number (1 for the first) and who ran the one before. */
export interface ExecutionRow {
  n: number;
  previous_executor?: string;
}

/**
 * Records that `executor` starts running `run_id` now, as the next execution. Two executions starting
 * at once (a worker taking over from one that is not quite dead) get distinct numbers.
 */
export async function beginExecution(options: {
  pool: Pool;
  run_id: string;
  executor: string;
}): Promise<ExecutionRow> {
  const { pool, run_id, executor } = options;
  for (let tries = 0; ; tries += 1) {
    try {
      const { rows } = await pool.query<{ n: number; previous: string | null }>(
        `WITH prev AS (SELECT n, executor_id FROM nanocode_executions WHERE run_id = $1 ORDER BY n DESC LIMIT 1)
         INSERT INTO nanocode_executions (run_id, n, executor_id)
         SELECT $1, COALESCE((SELECT n FROM prev), 0) + 1, $2
         RETURNING n, (SELECT executor_id FROM prev) AS previous`,
        [run_id, executor],
      );
      const row = rows[0] as { n: number; previous: string | null };
      return { n: row.n, ...(row.previous === null ? {} : { previous_executor: row.previous }) };
    } catch (error) {
      // A unique violation: another execution took the number first. Bounded: it cannot keep happening.
      if ((error as { code?: string }).code !== '23505' || tries >= 5) throw error;
    }
  }
}

/** Records, inside its step and before it runs, that an execution begins a paid effect. */
export async function recordEffectStart(options: {
  pool: Pool;
  run_id: string;
  key: string;
  execution: number;
  executor: string;
}): Promise<void> {
  await options.pool.query(
    `INSERT INTO nanocode_effect_starts (run_id, key, execution, executor_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [options.run_id, options.key, options.execution, options.executor],
  );
}

/** Paid effects of the run that some execution began and none recorded: a resumed run makes them again. */
export async function unrecordedEffects(options: {
  pool: Pool;
  run_id: string;
  recorded: ReadonlySet<string>;
}): Promise<string[]> {
  const { rows } = await options.pool.query<{ key: string }>(
    'SELECT DISTINCT key FROM nanocode_effect_starts WHERE run_id = $1 ORDER BY key',
    [options.run_id],
  );
  return rows.map((row) => row.key).filter((key) => !options.recorded.has(key));
}
