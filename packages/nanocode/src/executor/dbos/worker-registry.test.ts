import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import {
  describeWithPostgres,
  TEST_PG_URL,
  testSchemas,
} from '../../store/postgres/postgres-test-server.test-util.js';
import { prepareExecutorTables } from './executor-tables.js';
import {
  claimWorkerId,
  findSilentWorkers,
  markWorkerStopped,
  startHeartbeat,
  type WorkerIdentity,
} from './worker-registry.js';

const schemas = testSchemas();
afterAll(() => schemas.dropAll());

await describeWithPostgres({ name: 'the worker registry (heartbeats, ids, silence)', tests: registryTests });

function worker(id: string, nonce: string): WorkerIdentity {
  return { executor_id: id, host: 'test', pid: 1, nonce, app_version: 'v1' };
}

function registryTests(): void {
  async function fresh() {
    const schema = schemas.next();
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 3 });
    await prepareExecutorTables({ pool, schema, migrateEngine: async () => {} });
    return pool;
  }

  it('refuses an id a live worker holds, and hands it over once the holder stopped or fell silent', async () => {
    const pool = await fresh();
    await claimWorkerId({ pool, worker: worker('w1', 'a'), staleMs: 60_000, waitMs: 0 });
    await expect(
      claimWorkerId({ pool, worker: worker('w1', 'b'), staleMs: 60_000, waitMs: 200, pollMs: 50 }),
    ).rejects.toMatchObject({ code: 'NC_EXEC_WORKER_ID_IN_USE' });
    await markWorkerStopped({ pool, worker: worker('w1', 'a') });
    await claimWorkerId({ pool, worker: worker('w1', 'b'), staleMs: 60_000, waitMs: 0 });
    // Silent for longer than staleMs: taken over.
    await pool.query("UPDATE nanocode_workers SET heartbeat_at = now() - interval '10 seconds'");
    await claimWorkerId({ pool, worker: worker('w1', 'c'), staleMs: 5000, waitMs: 0 });
    const { rows } = await pool.query('SELECT nonce FROM nanocode_workers');
    expect(rows).toEqual([{ nonce: 'c' }]);
    await pool.end();
  });

  it('finds workers silent longer than their longest model call, not ones that are only busy', async () => {
    const pool = await fresh();
    for (const id of ['me', 'quiet', 'busy', 'gone']) {
      await claimWorkerId({ pool, worker: worker(id, id), staleMs: 1000, waitMs: 0 });
    }
    await pool.query(
      `UPDATE nanocode_workers SET heartbeat_at = now() - interval '5 seconds',
         longest_attempt_ms = CASE executor_id WHEN 'busy' THEN 60000 ELSE 0 END
       WHERE executor_id IN ('quiet', 'busy')`,
    );
    await markWorkerStopped({ pool, worker: worker('gone', 'gone') });
    const silent = await findSilentWorkers({ pool, me: 'me', minSilenceMs: 3000, graceMs: 500 });
    expect(silent.map((w) => w.executor_id)).toEqual(['gone', 'quiet']);
    await pool.end();
  });

  it('keeps the heartbeat fresh, and tells a worker whose id another process took', async () => {
    const pool = await fresh();
    const me = worker('w1', 'a');
    await claimWorkerId({ pool, worker: me, staleMs: 1000, waitMs: 0 });
    let lost = 0;
    const heartbeat = startHeartbeat({
      pool,
      worker: me,
      intervalMs: 50,
      longestAttemptMs: () => 1234,
      onLost: () => {
        lost += 1;
      },
      onError: (error) => {
        throw error;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows } = await pool.query(
      "SELECT longest_attempt_ms, now() - heartbeat_at < interval '1 second' AS fresh FROM nanocode_workers",
    );
    expect(rows).toEqual([{ longest_attempt_ms: 1234, fresh: true }]);
    await pool.query("UPDATE nanocode_workers SET nonce = 'someone-else'");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await heartbeat.stop();
    expect(lost).toBe(1);
    await pool.end();
  });
}
