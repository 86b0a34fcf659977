import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

/** The test database: `NANOCODE_TEST_PG_URL`, else the local server's `test` database. */
export const TEST_PG_URL = process.env.NANOCODE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why the test server cannot be used, or undefined when it answers. */
export async function unreachableReason(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${TEST_PG_URL} is unreachable (${(error as Error).message}); start it or set NANOCODE_TEST_PG_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Fresh schema names for one test file run (`nanocode_test_<random>_<n>`), all dropped by `dropAll`,
 * so tests never see each other's rows and leave nothing behind.
 */
export function testSchemas(): { next(): string; dropAll(): Promise<void> } {
  const prefix = `nanocode_test_${randomBytes(4).toString('hex')}`;
  const made: string[] = [];
  return {
    next() {
      const name = `${prefix}_${made.length}`;
      made.push(name);
      return name;
    },
    async dropAll() {
      if (made.length === 0) return;
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        for (const name of made) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Declares `tests` under `describe(name)` when the test server answers. Otherwise the file fails under
 * `CI=true`, where the server is required, and elsewhere skips with a warning saying why.
 */
export async function describeWithPostgres(options: { name: string; tests: () => void }): Promise<void> {
  const reason = await unreachableReason();
  if (reason === undefined) {
    describe(options.name, options.tests);
  } else if (process.env.CI === 'true') {
    it('reaches the PostgreSQL test server (required when CI=true)', () => {
      expect.fail(reason);
    });
  } else {
    console.warn(`skipping ${options.name}: ${reason}`);
    it.skip(`${options.name} (${reason})`, () => {});
  }
}
