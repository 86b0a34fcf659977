import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureSigningKeys } from '../../compose/certify-run.js';
import { createAdapterResolver } from '../../compose/create-adapter-resolver.js';
import { createApp } from '../../server/create-app.js';
import { createServerContext } from '../../server/create-server-context.js';
import { REPO_ROOT } from '../../server/test-app.test-util.js';
import type { Adapter, AdapterResolver } from '../../spec/adapter.js';
import type { RunStore } from '../../spec/store.js';
import { createPostgresStore } from '../../store/postgres/create-postgres-store.js';
import {
  describeWithPostgres,
  TEST_PG_URL,
  testSchemas,
} from '../../store/postgres/postgres-test-server.test-util.js';
import type { Executor } from '../executor.js';
import { createDbosExecutor } from './create-dbos-executor.js';
import { type DbosWorker, startDbosWorker } from './start-dbos-worker.js';

const schemas = testSchemas();

await describeWithPostgres({
  name: 'the HTTP API on the dbos executor (two servers, one worker in this process)',
  tests: serverTests,
});

/** The project's adapters, each call held back a little, so a run is still going when it is cancelled. */
function slowed(resolve: AdapterResolver): AdapterResolver {
  return (ref) => {
    const adapter = resolve(ref);
    if (adapter === undefined) return undefined;
    const slow: Adapter = {
      spec: adapter.spec,
      provider: adapter.provider,
      model: adapter.model,
      generate: async (request, options) => {
        await new Promise((done) => setTimeout(done, 150));
        return adapter.generate(request, options);
      },
    };
    return slow;
  };
}

function serverTests(): void {
  let store: RunStore;
  let worker: DbosWorker;
  const executors: Executor[] = [];
  const apps: Array<ReturnType<typeof createApp>> = [];

  beforeAll(async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-serve-dbos-'));
    await ensureSigningKeys({ keyDir });
    store = await createPostgresStore({ url: TEST_PG_URL, schema: schemas.next() });
    const systemDatabase = { url: TEST_PG_URL, schema: schemas.next() };
    worker = await startDbosWorker({
      systemDatabase,
      store,
      keyDir,
      env: {},
      workerId: 'api-worker',
      heartbeatMs: 250,
      adapters: (config) => slowed(createAdapterResolver({ config })),
    });
    for (let i = 0; i < 2; i += 1) {
      const executor = await createDbosExecutor({ systemDatabase, store, pollMs: 50 });
      executors.push(executor);
      const context = createServerContext({
        store,
        projectDir: REPO_ROOT,
        keyDir,
        env: {},
        logger: pino({ level: 'silent' }),
        executor,
      });
      apps.push(createApp({ context, auth: { keys: 'none', tenant: 'default' } }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const executor of executors) await executor.close();
    await worker?.close();
    await store?.close();
    await schemas.dropAll();
  });

  const post = (app: ReturnType<typeof createApp>, path: string, json?: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });

  it('runs a sync request on a worker, and another server sees the stored, certified run', async () => {
    const inputs = JSON.parse(
      await readFile(join(REPO_ROOT, 'examples/audience-switcher/inputs.json'), 'utf8'),
    );
    const [a, b] = apps as [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
    const response = await post(a, '/api/runs', { workflow: 'audience-switcher', inputs });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { run_id: string; certificate: { log_index: number } };
    expect(body).toMatchObject({ workflow: 'audience-switcher', outcome: 'certified' });
    // The released result comes back from the worker, as it would in process.
    expect(Object.keys((body as { output?: object }).output ?? {}).sort()).toEqual([
      'child',
      'engineer',
      'executive',
      'tweet',
    ]);
    expect(body.certificate).toMatchObject({ log_index: expect.any(Number) });
    const seen = (await (await b.request(`/api/runs/${body.run_id}`)).json()) as Record<string, unknown>;
    expect(seen.summary).toMatchObject({ run_id: body.run_id, outcome: 'certified' });
    expect(seen.certificate).toEqual({ log_index: body.certificate.log_index });
  });

  it('cancels through another server a run the first one enqueued: it ends stopped and certified', async () => {
    const [a, b] = apps as [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
    const inputs = JSON.parse(
      await readFile(join(REPO_ROOT, 'examples/audience-switcher/inputs.json'), 'utf8'),
    );
    const accepted = await post(a, '/api/runs', { workflow: 'audience-switcher', inputs, mode: 'async' });
    expect(accepted.status).toBe(202);
    const { run_id } = (await accepted.json()) as { run_id: string };
    for (let i = 0; i < 100 && (await store.getRun({ run_id })) === undefined; i += 1) {
      await new Promise((done) => setTimeout(done, 50));
    }
    const cancel = await post(b, `/api/runs/${run_id}/cancel`);
    expect(await cancel.json()).toEqual({ run_id, status: 'cancelling' });
    let stored = await store.getRun({ run_id });
    for (let i = 0; i < 100 && stored?.certificate === undefined; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      stored = await store.getRun({ run_id });
    }
    expect(stored?.summary.outcome).toBe('stopped');
    expect(stored?.certificate).toBeDefined();
    expect(await (await post(b, '/api/runs/no-such-run/cancel')).json()).toMatchObject({
      error: { code: 'NC_API_NOT_FOUND' },
    });
  });
}
