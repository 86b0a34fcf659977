import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureSigningKeys } from '../src/compose/certify-run.js';
import { executeRun } from '../src/compose/execute-run.js';
import { resolveConfig } from '../src/config/index.js';
import { createDbosExecutor } from '../src/executor/dbos/create-dbos-executor.js';
import { spawnTestWorker, type TestWorker } from '../src/executor/dbos/spawn-test-worker.test-util.js';
import type { ResolvedConfig } from '../src/spec/workflow.js';
import { createPostgresStore } from '../src/store/postgres/create-postgres-store.js';
import {
  TEST_PG_URL,
  testSchemas,
  unreachableReason,
} from '../src/store/postgres/postgres-test-server.test-util.js';
import type { FakeRequest } from '../src/testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../src/testing/fake-provider/start-fake-provider.js';

const RUNS = 200;
/** What the fake provider waits before each answer, by model. */
const DELAY_MS: Record<string, number> = { quick: 50, slow: 250 };

/** One throughput setting: the model (its delay) and the runs each worker (or the process) takes at once. */
interface Setting {
  model: 'quick' | 'slow';
  concurrency: number;
  runs: number;
}

/** Two steps in a chain, each one call to the fake provider's `model` over the OpenAI wire format. */
function chain(options: { model: string }): ResolvedConfig {
  return resolveConfig({
    workflow: {
      name: `bench-${options.model}`,
      version: 1,
      steps: {
        draft: { model: [`fake:${options.model}`], prompt: { user: 'Draft.' } },
        final: { model: [`fake:${options.model}`], prompt: { user: 'Final: {{ steps.draft.output }}' } },
      },
      budget: { attempts: 5, tokens: 100_000, cost_usd: 1, time_ms: 60_000 },
    },
    profiles: [
      {
        name: 'bench',
        providers: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the profile's `${NAME}` references, verbatim.
          fake: { type: 'openai', base_url: '${FAKE_URL}', api_key: '${FAKE_KEY}', timeout_ms: 2000 },
        },
      },
    ],
    profile: 'bench',
    env: { FAKE_URL: 'http://127.0.0.1:1/v1', FAKE_KEY: 'bench' },
  });
}

/**
 * The scale-out executor on this machine: runs per second with one and with two DBOS worker processes
 * for a two-step run whose steps wait on the fake provider (50 ms, 10 runs at a time per worker; and
 * 250 ms, 4 at a time, where the waiting rather than the host's cores is the limit), beside the same runs
 * in process; then the time from SIGKILL of a worker until its runs resume on the other one, and until
 * all are done. Needs the PostgreSQL test server; says so and skips without it.
 */
export async function benchExecutor(): Promise<void> {
  const reason = await unreachableReason();
  if (reason !== undefined) {
    console.log(`\nScale-out executor: skipped (${reason})`);
    return;
  }
  const fake = await startFakeProvider({
    script: (request: FakeRequest) => {
      const model = String((request.body as { model?: unknown } | undefined)?.model ?? 'quick');
      return { reply: 'ok', delayMs: DELAY_MS[model] ?? 50 };
    },
  });
  const env = { FAKE_URL: `${fake.url}/v1`, FAKE_KEY: 'bench' };
  const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-bench-exec-'));
  await ensureSigningKeys({ keyDir });
  const schemas = testSchemas();
  const db = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
  try {
    const settings: Setting[] = [
      { model: 'quick', concurrency: 10, runs: RUNS },
      { model: 'slow', concurrency: 4, runs: RUNS / 2 },
    ];
    for (const setting of settings) {
      const baseline = await inProcessRate({ setting, schema: schemas.next(), keyDir, env });
      const one = await workersRate({ setting, workers: 1, schemas, keyDir, env, db });
      const two = await workersRate({ setting, workers: 2, schemas, keyDir, env, db });
      console.log(
        `\nScale-out executor: ${setting.runs} runs of 2 steps, each step waiting ${DELAY_MS[setting.model]} ms on the fake provider, ${setting.concurrency} runs at a time per worker (PostgreSQL store, certified)`,
      );
      const row = (name: string, rate: number, against: string) =>
        console.log(`  ${name.padEnd(40)} ${rate.toFixed(1).padStart(7)} runs/s   ${against}`);
      row(`in-process (${setting.concurrency} at a time)`, baseline, '');
      row('dbos, 1 worker process', one, `${(one / baseline).toFixed(2)}× in-process`);
      row('dbos, 2 worker processes', two, `${(two / one).toFixed(2)}× 1 worker`);
    }
    const recovery = await recoveryAfterKill({ schemas, keyDir, env, db });
    console.log(
      '\nScale-out executor: recovery after SIGKILL of one of two workers (defaults: heartbeat 1 s)',
    );
    console.log(`  runs the killed worker held                ${recovery.moved}`);
    console.log(
      `  silence before they move                   ${(recovery.thresholdMs / 1000).toFixed(1)} s (the longest model call, 2 s, + 2 heartbeats; at least 3 heartbeats)`,
    );
    console.log(
      `  kill → first of them resumed elsewhere     ${(recovery.firstResumedMs / 1000).toFixed(2)} s`,
    );
    console.log(`  kill → all runs certified                  ${(recovery.allDoneMs / 1000).toFixed(2)} s`);
  } finally {
    await db.end();
    await fake.close();
    await schemas.dropAll();
  }
}

/** The same runs in this process through `executeRun`, the setting's concurrency at a time, into a PostgreSQL store. */
async function inProcessRate(options: {
  setting: Setting;
  schema: string;
  keyDir: string;
  env: Record<string, string>;
}): Promise<number> {
  const { setting } = options;
  const store = await createPostgresStore({ url: TEST_PG_URL, schema: options.schema });
  const config = chain({ model: setting.model });
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: setting.concurrency }, async () => {
      while (next < setting.runs) {
        next += 1;
        await executeRun({
          config,
          inputs: {},
          env: options.env,
          evidence: { store, keyDir: options.keyDir },
        });
      }
    }),
  );
  const rate = setting.runs / ((Date.now() - started) / 1000);
  await store.close();
  return rate;
}

async function startWorkers(options: {
  count: number;
  concurrency: number;
  systemSchema: string;
  storeSchema: string;
  keyDir: string;
  env: Record<string, string>;
  heartbeatMs?: number;
}): Promise<TestWorker[]> {
  return Promise.all(
    Array.from({ length: options.count }, (_, i) =>
      spawnTestWorker({
        systemUrl: TEST_PG_URL,
        systemSchema: options.systemSchema,
        storeUrl: TEST_PG_URL,
        storeSchema: options.storeSchema,
        keyDir: options.keyDir,
        workerId: `bench-w${i + 1}`,
        concurrency: options.concurrency,
        heartbeatMs: options.heartbeatMs ?? 1000,
        reapAfterMs: 3 * (options.heartbeatMs ?? 1000),
        env: options.env,
      }),
    ),
  );
}

/** Waits (bounded) until `count` runs succeeded; returns the time the last one finished (ms epoch). */
async function finished(options: { db: pg.Pool; systemSchema: string; count: number }): Promise<number> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await options.db.query<{ done: number; last: string | null }>(
      `SELECT count(*)::int AS done, max(updated_at) AS last FROM "${options.systemSchema}".workflow_status
       WHERE name = 'nanocode.run' AND status = 'SUCCESS'`,
    );
    if ((rows[0]?.done ?? 0) >= options.count) return Number(rows[0]?.last);
    if (Date.now() > deadline) throw new Error(`only ${rows[0]?.done} of ${options.count} runs finished`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs per second from the first submission to the last completion, on `workers` fresh workers. */
async function workersRate(options: {
  setting: Setting;
  workers: number;
  schemas: ReturnType<typeof testSchemas>;
  keyDir: string;
  env: Record<string, string>;
  db: pg.Pool;
}): Promise<number> {
  const systemSchema = options.schemas.next();
  const storeSchema = options.schemas.next();
  const store = await createPostgresStore({ url: TEST_PG_URL, schema: storeSchema });
  const { setting } = options;
  const workers = await startWorkers({
    count: options.workers,
    concurrency: setting.concurrency,
    systemSchema,
    storeSchema,
    ...options,
  });
  const executor = await createDbosExecutor({
    systemDatabase: { url: TEST_PG_URL, schema: systemSchema },
    store,
  });
  try {
    const config = chain({ model: setting.model });
    const started = Date.now();
    for (let i = 0; i < setting.runs; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, setting.runs - i) }, (_, j) =>
          executor.submit({ config, inputs: {}, run_id: `bench-${i + j}` }),
        ),
      );
    }
    const last = await finished({ db: options.db, systemSchema, count: setting.runs });
    return setting.runs / ((last - started) / 1000);
  } finally {
    await executor.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await store.close();
  }
}

/** Kills one of two workers while it holds runs; times how long until they resume, and finish, elsewhere. */
async function recoveryAfterKill(options: {
  schemas: ReturnType<typeof testSchemas>;
  keyDir: string;
  env: Record<string, string>;
  db: pg.Pool;
}): Promise<{ moved: number; thresholdMs: number; firstResumedMs: number; allDoneMs: number }> {
  const systemSchema = options.schemas.next();
  const storeSchema = options.schemas.next();
  const store = await createPostgresStore({ url: TEST_PG_URL, schema: storeSchema });
  const workers = await startWorkers({ count: 2, concurrency: 10, systemSchema, storeSchema, ...options });
  const executor = await createDbosExecutor({
    systemDatabase: { url: TEST_PG_URL, schema: systemSchema },
    store,
  });
  const total = 40;
  try {
    const config = chain({ model: 'slow' });
    await Promise.all(
      Array.from({ length: total }, (_, i) => executor.submit({ config, inputs: {}, run_id: `kill-${i}` })),
    );
    const heldBy = async (executor_id: string) =>
      (
        await options.db.query<{ workflow_uuid: string }>(
          `SELECT workflow_uuid FROM "${systemSchema}".workflow_status
           WHERE executor_id = $1 AND status = 'PENDING' AND name = 'nanocode.run'`,
          [executor_id],
        )
      ).rows.map((row) => row.workflow_uuid);
    const deadline = Date.now() + 60_000;
    while ((await heldBy('bench-w1')).length < 5 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [w1] = workers as [TestWorker, TestWorker];
    w1.child.kill('SIGKILL');
    const killedAt = Date.now();
    const held = await heldBy('bench-w1');
    // Polled from here: the first of the killed worker's runs taken by the other one.
    let firstResumedAt = Number.NaN;
    while (Number.isNaN(firstResumedAt) && Date.now() < killedAt + 60_000) {
      const { rows } = await options.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${systemSchema}".workflow_status
         WHERE workflow_uuid = ANY($1) AND executor_id <> 'bench-w1'`,
        [held],
      );
      if ((rows[0]?.n ?? 0) > 0) firstResumedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = await finished({ db: options.db, systemSchema, count: total });
    return {
      moved: held.length,
      thresholdMs: Math.max(3000, 2000 + 2 * 1000),
      firstResumedMs: firstResumedAt - killedAt,
      allDoneMs: last - killedAt,
    };
  } finally {
    await executor.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await store.close();
  }
}
