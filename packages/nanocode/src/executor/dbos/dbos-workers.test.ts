import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureSigningKeys } from '../../compose/certify-run.js';
import { executeRun } from '../../compose/execute-run.js';
import { readTrust } from '../../compose/read-trust.js';
import { resolveConfig } from '../../config/index.js';
import { verifyCertificate } from '../../evidence/index.js';
import type { RunEvent } from '../../spec/events.js';
import type { RunStore } from '../../spec/store.js';
import type { ResolvedConfig } from '../../spec/workflow.js';
import { createPostgresStore } from '../../store/postgres/create-postgres-store.js';
import {
  describeWithPostgres,
  TEST_PG_URL,
  testSchemas,
} from '../../store/postgres/postgres-test-server.test-util.js';
import type { FakeProvider } from '../../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../../testing/fake-provider/start-fake-provider.js';
import type { Executor } from '../executor.js';
import { createDbosExecutor } from './create-dbos-executor.js';
import { spawnTestWorker, type TestWorker } from './spawn-test-worker.test-util.js';

const schemas = testSchemas();

await describeWithPostgres({
  name: 'DBOS workers (two child processes, one PostgreSQL)',
  tests: workerTests,
});

const REPLIES = { draft: ['not json', '{"ok":"yes"}'], final: ['done'] };
const RATE = { requests: 4, period_ms: 1000 };

/** Two steps on one model: the draft fails its schema once and is retried, the final reads the draft. */
function chain(options: { model: string }): ResolvedConfig {
  return resolveConfig({
    workflow: {
      name: `chain-${options.model}`,
      version: 1,
      steps: {
        draft: {
          model: [`scripted:${options.model}`],
          prompt: { user: 'Draft.' },
          output: 'json',
          constraints: [{ id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['ok'] } }],
          recovery: [{ retry: { max: 2 } }, { stop: {} }],
        },
        final: {
          model: [`scripted:${options.model}`],
          prompt: { user: 'Final: {{ steps.draft.output.ok }}' },
        },
      },
      budget: { attempts: 10, tokens: 100_000, cost_usd: 1, time_ms: 60_000 },
      scripted: {
        [options.model]: {
          draft: REPLIES.draft.map((text) => ({ text })),
          final: REPLIES.final.map((text) => ({ text })),
        },
      },
    },
    profiles: [{ name: 'test' }],
    profile: 'test',
  });
}

/** One model call to the fake provider over the OpenAI wire format. */
function rateLimited(): ResolvedConfig {
  return resolveConfig({
    workflow: {
      name: 'rate-limited',
      version: 1,
      steps: { answer: { model: ['fake:gpt'], prompt: { user: 'Hello.' } } },
      budget: { attempts: 3, tokens: 100_000, cost_usd: 1, time_ms: 60_000 },
    },
    profiles: [
      {
        name: 'test',
        providers: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the profile's `${NAME}` references, verbatim.
          fake: { type: 'openai', base_url: '${FAKE_URL}', api_key: '${FAKE_KEY}', timeout_ms: 5000 },
        },
      },
    ],
    profile: 'test',
    env: { FAKE_URL: 'http://127.0.0.1:1/v1', FAKE_KEY: 'test' },
  });
}

function workerTests(): void {
  const systemSchema = schemas.next();
  const storeSchema = schemas.next();
  const fakeCalls: number[] = [];
  let fake: FakeProvider;
  let keyDir: string;
  let store: RunStore;
  let executor: Executor;
  let db: pg.Pool;
  const workers = new Map<string, TestWorker>();

  beforeAll(async () => {
    fake = await startFakeProvider({
      script: () => {
        fakeCalls.push(Date.now());
        return { reply: 'fine', delayMs: 10 };
      },
    });
    keyDir = await mkdtemp(join(tmpdir(), 'nanocode-workers-'));
    // Keys exist before any worker starts: every worker signs with the same ones.
    await ensureSigningKeys({ keyDir });
    store = await createPostgresStore({ url: TEST_PG_URL, schema: storeSchema });
    db = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
    await db.query(
      `CREATE TABLE "${storeSchema}".test_calls (run_id TEXT, step TEXT, attempt INTEGER, worker TEXT,
         started_at DOUBLE PRECISION, completed_at DOUBLE PRECISION)`,
    );
    const started = await Promise.all(
      ['w1', 'w2'].map((workerId) =>
        spawnTestWorker({
          systemUrl: TEST_PG_URL,
          systemSchema,
          storeUrl: TEST_PG_URL,
          storeSchema,
          keyDir,
          workerId,
          concurrency: 10,
          heartbeatMs: 250,
          // Well above any pause of a loaded test machine: a worker that is only busy must not look dead.
          reapAfterMs: 4000,
          rateLimits: [`fake=${RATE.requests}/${RATE.period_ms}ms`],
          env: { FAKE_URL: `${fake.url}/v1`, FAKE_KEY: 'test' },
          counted: { delayMs: { fast: 0, slow: 250 }, replies: REPLIES },
        }),
      ),
    );
    for (const worker of started) workers.set(worker.id, worker);
    executor = await createDbosExecutor({
      systemDatabase: { url: TEST_PG_URL, schema: systemSchema },
      store,
      pollMs: 50,
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...workers.values()].map((worker) => worker.stop()));
    await executor?.close();
    await store?.close();
    await db?.end();
    await fake?.close();
    await schemas.dropAll();
  }, 30_000);

  /** Waits (bounded) until every run in `ids` has ended, and returns the executor's rows of them. */
  async function waitForAll(ids: readonly string[], timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await executor.list({ limit: 1000 });
      const ended = rows.filter((r) => ids.includes(r.run_id) && !['queued', 'running'].includes(r.status));
      if (ended.length === ids.length) return ended;
      if (Date.now() > deadline) {
        const logs = [...workers.values()].map((w) => `${w.id}:\n${w.log()}`).join('\n');
        throw new Error(`${ended.length} of ${ids.length} runs ended in time\n${logs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function verified(run_id: string): Promise<{ ok: boolean; events: RunEvent[] }> {
    const trust = await readTrust({ keyDir });
    const stored = await store.getRun({ run_id });
    const report = verifyCertificate({
      bundle: { envelope: stored?.certificate, header: stored?.header, events: stored?.events },
      keys: trust.certificate,
    });
    return { ok: report.ok, events: stored?.events ?? [] };
  }

  async function executions(): Promise<Array<{ run_id: string; n: number; executor_id: string }>> {
    const { rows } = await db.query(
      `SELECT run_id, n, executor_id FROM "${systemSchema}".nanocode_executions ORDER BY run_id, n`,
    );
    return rows;
  }

  const types = (events: readonly RunEvent[]) => events.map((e) => `${e.type}${e.step ? ` ${e.step}` : ''}`);

  it('runs 200 runs on two workers: all certified, certificates verify, events shaped like in-process runs', async () => {
    const config = chain({ model: 'fast' });
    const ids = Array.from({ length: 200 }, (_, i) => `bulk-${i}`);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map((run_id) => executor.submit({ config, inputs: {}, run_id })),
      );
    }
    const rows = await waitForAll(ids);
    expect(rows.filter((r) => r.status === 'finished' && r.outcome === 'certified')).toHaveLength(200);

    const inProcess = await executeRun({ config, inputs: {}, env: {} });
    const expected = types(inProcess.result.events);
    for (const run_id of ids) {
      const { ok, events } = await verified(run_id);
      expect(ok, run_id).toBe(true);
      expect(types(events), `${run_id}\n${[...workers.values()].map((w) => w.log()).join('\n')}`).toEqual(
        expected,
      );
    }
    const ran = await executions();
    const bulk = ran.filter((e) => e.run_id.startsWith('bulk-'));
    expect(bulk).toHaveLength(200);
    expect(new Set(bulk.map((e) => e.executor_id))).toEqual(new Set(['w1', 'w2']));
  }, 120_000);

  it('runs a run id submitted twice once', async () => {
    const config = chain({ model: 'fast' });
    const first = await executor.submit({ config, inputs: {}, run_id: 'twice' });
    const second = await executor.submit({ config, inputs: {}, run_id: 'twice' });
    expect(first).toEqual({ run_id: 'twice', deduplicated: false });
    expect(second).toEqual({ run_id: 'twice', deduplicated: true });
    await waitForAll(['twice']);
    expect(await executor.submit({ config, inputs: {}, run_id: 'twice' })).toMatchObject({
      deduplicated: true,
    });
    expect((await executions()).filter((e) => e.run_id === 'twice')).toHaveLength(1);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM "${storeSchema}".test_calls WHERE run_id = 'twice'`,
    );
    expect(rows[0].n).toBe(3);
    expect((await verified('twice')).ok).toBe(true);
  }, 60_000);

  it('cancels a running run: it ends stopped and certified; an unknown run is NC_EXEC_NOT_FOUND', async () => {
    await executor.submit({ config: chain({ model: 'slow' }), inputs: {}, run_id: 'cancel-me' });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "${storeSchema}".test_calls WHERE run_id = 'cancel-me'`,
      );
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error('the run never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await executor.cancel({ run_id: 'cancel-me' })).toEqual({
      run_id: 'cancel-me',
      status: 'cancelling',
    });
    const [row] = await waitForAll(['cancel-me']);
    expect(row?.status).toBe('cancelled');
    // The worker records the end of a cancelled run after the engine reports it: wait for its certificate.
    for (
      let i = 0;
      i < 100 && (await store.getRun({ run_id: 'cancel-me' }))?.certificate === undefined;
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { ok, events } = await verified('cancel-me');
    expect(ok, workers.get('w1')?.log() + (workers.get('w2')?.log() ?? '')).toBe(true);
    const completed = events.at(-1) as RunEvent<'run.completed'>;
    expect(completed.data).toMatchObject({ outcome: 'stopped', error: { code: 'NC_RUN_ABORTED' } });
    expect(await executor.cancel({ run_id: 'cancel-me' })).toMatchObject({ status: 'finished' });
    await expect(executor.cancel({ run_id: 'no-such-run' })).rejects.toMatchObject({
      code: 'NC_EXEC_NOT_FOUND',
    });
  }, 60_000);

  it('keeps model calls within a provider rate limit under load, across both workers', async () => {
    const config = rateLimited();
    fakeCalls.length = 0;
    const ids = Array.from({ length: 14 }, (_, i) => `rate-${i}`);
    await Promise.all(ids.map((run_id) => executor.submit({ config, inputs: {}, run_id })));
    const rows = await waitForAll(ids);
    const first = (await store.getRun({ run_id: 'rate-0' }))?.events;
    expect(
      rows.map((r) => r.outcome),
      JSON.stringify(first?.slice(-3)),
    ).toEqual(ids.map(() => 'certified'));
    expect(fakeCalls).toHaveLength(ids.length);
    const sorted = [...fakeCalls].sort((a, b) => a - b);
    // The most calls the fake provider saw in any window of one period.
    const window = RATE.period_ms;
    let most = 0;
    for (const [i, start] of sorted.entries()) {
      const within = sorted.slice(i).filter((t) => t < start + window).length;
      most = Math.max(most, within);
    }
    // Load there was: unlimited, the calls would all have come within one window.
    expect((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)).toBeGreaterThan(
      window * Math.floor((ids.length - 1) / RATE.requests - 1),
    );
    expect(most).toBeLessThanOrEqual(RATE.requests);
    // Both workers made calls: the limit is global, not per worker.
    const ran = (await executions()).filter((e) => e.run_id.startsWith('rate-'));
    expect(new Set(ran.map((e) => e.executor_id)).size).toBe(2);
  }, 60_000);

  it('moves the runs of a killed worker to the live one: no completed call repeated, every certificate verifies', async () => {
    const config = chain({ model: 'slow' });
    const ids = Array.from({ length: 16 }, (_, i) => `kill-${i}`);
    await Promise.all(ids.map((run_id) => executor.submit({ config, inputs: {}, run_id })));
    // Kill w1 while it has finished some calls and has others in flight.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS done,
                count(*) FILTER (WHERE completed_at IS NULL)::int AS flying
         FROM "${storeSchema}".test_calls WHERE worker = 'w1' AND run_id LIKE 'kill-%'`,
      );
      if (rows[0].done >= 2 && rows[0].flying >= 2) break;
      if (Date.now() > deadline) throw new Error('w1 never had calls in flight');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const w1 = workers.get('w1') as TestWorker;
    w1.child.kill('SIGKILL');
    await w1.stop();
    const rows = await waitForAll(ids);
    expect(rows.filter((r) => r.outcome === 'certified')).toHaveLength(ids.length);

    const ran = (await executions()).filter((e) => e.run_id.startsWith('kill-'));
    const moved = ids.filter((id) => ran.some((e) => e.run_id === id && e.n === 2));
    expect(moved.length).toBeGreaterThan(0);
    for (const run_id of moved) {
      expect(ran.filter((e) => e.run_id === run_id).map((e) => e.executor_id)).toEqual(['w1', 'w2']);
    }
    const resumedEvents: Array<RunEvent<'run.resumed'>> = [];
    const reexecuted = new Set<string>();
    for (const run_id of ids) {
      const { ok, events } = await verified(run_id);
      expect(ok, run_id).toBe(true);
      for (const event of events.filter((e): e is RunEvent<'run.resumed'> => e.type === 'run.resumed')) {
        resumedEvents.push(event);
        for (const key of event.data.reexecuted) reexecuted.add(`${run_id} ${key}`);
      }
    }
    expect(resumedEvents.length).toBeGreaterThan(0);
    for (const event of resumedEvents) {
      expect(event.data).toMatchObject({ execution: 2, executor: 'w2', previous_executor: 'w1' });
    }

    // No call started after its attempt's result was recorded: a completed attempt is never made again.
    const repeated = await db.query(
      `SELECT c.run_id, c.step, c.attempt, c.worker FROM "${storeSchema}".test_calls c
       JOIN "${systemSchema}".operation_outputs o
         ON o.workflow_uuid = c.run_id AND o.function_name = c.step || '/' || c.attempt || '/adapter'
       WHERE c.run_id LIKE 'kill-%' AND c.started_at > o.completed_at_epoch_ms`,
    );
    expect(repeated.rows).toEqual([]);
    // A call made twice was in flight on w1 when it died, and its run's run.resumed names it.
    const twice = await db.query(
      `SELECT run_id, step, attempt, array_agg(worker ORDER BY started_at) AS workers
       FROM "${storeSchema}".test_calls WHERE run_id LIKE 'kill-%'
       GROUP BY run_id, step, attempt HAVING count(*) > 1`,
    );
    for (const row of twice.rows) {
      expect(row.workers).toEqual(['w1', 'w2']);
      expect(reexecuted.has(`${row.run_id} ${row.step}/${row.attempt}/adapter`)).toBe(true);
    }
  }, 90_000);
}
