import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSigningKeys } from '../compose/certify-run.js';
import { resolveConfig } from '../config/index.js';
import { createDbosExecutor } from '../executor/dbos/create-dbos-executor.js';
import { createPostgresStore } from '../store/postgres/create-postgres-store.js';
import {
  describeWithPostgres,
  TEST_PG_URL,
  testSchemas,
} from '../store/postgres/postgres-test-server.test-util.js';
import { runRunsCancel, runRunsList } from './command-runs.js';
import { runWorkerCommand } from './command-worker.js';
import { memoryIo } from './memory-io.test-util.js';

const schemas = testSchemas();
afterAll(() => schemas.dropAll());

const CONFIG = resolveConfig({
  workflow: {
    name: 'hello',
    version: 1,
    steps: { answer: { model: ['scripted:m'], prompt: { user: 'Hello.' } } },
    scripted: { m: { answer: [{ text: 'hi' }] } },
  },
  profiles: [{ name: 'test' }],
  profile: 'test',
});

describe('nanocode worker and nanocode runs: flags', () => {
  it('refuses bad numbers and a bad worker id before touching a database', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-worker-'));
    for (const [flag, value] of [
      ['concurrency', '0'],
      ['heartbeatMs', 'fast'],
      ['workerId', 'no spaces'],
    ] as const) {
      const io = memoryIo({ cwd });
      const code = await runWorkerCommand({
        keyDir: 'keys',
        slot: '0',
        concurrency: '10',
        rateLimits: [],
        pollMs: '100',
        heartbeatMs: '1000',
        drainMs: '0',
        systemDb: 'postgres://nobody@127.0.0.1:1/none',
        io,
        signal: new AbortController().signal,
        [flag]: value,
      });
      expect(code, flag).toBe(64);
      expect(io.err()).toContain('NC_CLI_USAGE');
    }
  });

  it('refuses a bad rate limit and an executor it does not know', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-worker-'));
    const io = memoryIo({ cwd });
    const code = await runWorkerCommand({
      keyDir: 'keys',
      slot: '0',
      concurrency: '10',
      rateLimits: ['openai=lots'],
      pollMs: '100',
      heartbeatMs: '1000',
      drainMs: '0',
      systemDb: 'postgres://nobody@127.0.0.1:1/none',
      io,
      signal: new AbortController().signal,
    });
    expect(code).toBe(1);
    expect(io.err()).toContain('NC_EXEC_CONFIG');
    const runs = memoryIo({ cwd, env: { NANOCODE_EXECUTOR: 'kubernetes' } });
    expect(await runRunsList({ io: runs, limit: '10', json: false })).toBe(1);
    expect(runs.err()).toContain('NC_EXEC_CONFIG unknown executor "kubernetes"');
  });

  it('lists the in-process store (nothing yet) and cancels nothing there', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-runs-'));
    const io = memoryIo({ cwd });
    expect(await runRunsList({ io, limit: '10', json: false })).toBe(0);
    expect(io.out()).toBe('no runs\n');
    const cancel = memoryIo({ cwd });
    expect(await runRunsCancel({ io: cancel, run_id: 'nope', json: false })).toBe(1);
    expect(cancel.err()).toContain('NC_EXEC_NOT_FOUND');
  });
});

await describeWithPostgres({
  name: 'nanocode worker and nanocode runs: a worker in this process',
  tests: () => {
    it('takes runs, shows them in `runs`, cancels, and marks itself stopped on abort', async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'nanocode-worker-'));
      const keyDir = join(cwd, 'keys');
      await ensureSigningKeys({ keyDir });
      const storeUrl = `${TEST_PG_URL}?schema=${schemas.next()}`;
      const systemSchema = schemas.next();
      const systemDb = `${TEST_PG_URL}?schema=${systemSchema}`;
      const io = memoryIo({ cwd });
      const stop = new AbortController();
      const worker = runWorkerCommand({
        storeUrl,
        systemDb,
        keyDir,
        workerId: 'cli-worker',
        slot: '0',
        concurrency: '4',
        rateLimits: ['fake=5/1s'],
        pollMs: '50',
        heartbeatMs: '200',
        drainMs: '1000',
        io,
        signal: stop.signal,
      });
      for (let i = 0; i < 200 && !io.out().includes('taking runs'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(io.out()).toContain('nanocode worker cli-worker taking runs (app version nanocode@');
      expect(io.out()).toContain('rate limits   fake 5/1000 ms');

      const store = await createPostgresStore({
        url: TEST_PG_URL,
        schema: new URL(storeUrl).searchParams.get('schema') ?? '',
      });
      const executor = await createDbosExecutor({
        systemDatabase: { url: TEST_PG_URL, schema: systemSchema },
        store,
      });
      const executed = await executor.execute({ config: CONFIG, inputs: {}, run_id: 'cli-run-1' });
      expect(executed.result.outcome).toBe('certified');
      expect(executed.certificate?.log_index).toBe(0);

      const listed = memoryIo({ cwd });
      expect(
        await runRunsList({ io: listed, executor: 'dbos', storeUrl, systemDb, limit: '10', json: true }),
      ).toBe(0);
      expect(JSON.parse(listed.out()).runs).toEqual([
        expect.objectContaining({
          run_id: 'cli-run-1',
          status: 'finished',
          outcome: 'certified',
          workflow: 'hello',
          worker: 'cli-worker',
        }),
      ]);
      const table = memoryIo({ cwd });
      await runRunsList({
        io: table,
        executor: 'dbos',
        storeUrl,
        systemDb,
        limit: '10',
        json: false,
        status: 'finished',
      });
      expect(table.out()).toMatch(/^run\s+status\s+outcome\s+workflow\s+worker/);
      expect(table.out()).toContain('cli-run-1');
      const cancel = memoryIo({ cwd });
      expect(
        await runRunsCancel({
          io: cancel,
          executor: 'dbos',
          storeUrl,
          systemDb,
          run_id: 'cli-run-1',
          json: false,
        }),
      ).toBe(0);
      expect(cancel.out()).toBe('run cli-run-1 already finished (certified)\n');

      stop.abort();
      expect(await worker).toBe(0);
      await executor.close();
      await store.close();
      const db = new pg.Client({ connectionString: TEST_PG_URL });
      await db.connect();
      const { rows } = await db.query(
        `SELECT stopped_at IS NOT NULL AS stopped FROM "${systemSchema}".nanocode_workers WHERE executor_id = 'cli-worker'`,
      );
      await db.end();
      expect(rows).toEqual([{ stopped: true }]);
    }, 60_000);
  },
});
