import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_PG_URL, unreachableReason } from './postgres-test-server.test-util.js';
import { withPoolClient } from './with-pool-client.js';

const reason = await unreachableReason();
if (reason !== undefined && process.env.CI === 'true') {
  it('reaches the PostgreSQL test server (required when CI=true)', () => {
    expect.fail(reason);
  });
}

describe.runIf(reason === undefined)('withPoolClient', () => {
  it('survives the server dropping a borrowed client: the query rejects, the process lives, the client is discarded', async () => {
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const failure = withPoolClient({
        pool,
        use: async (client) => {
          const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
          // The terminated connection emits 'error' on the client; without a listener that is fatal.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await client.query('SELECT 1');
        },
      });
      await expect(failure).rejects.toThrow();
      expect(pool.totalCount).toBe(0);
      // The pool still works: a new client is made.
      const value = await withPoolClient({
        pool,
        use: async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one,
      });
      expect(value).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
