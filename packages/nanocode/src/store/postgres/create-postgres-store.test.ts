import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../evidence/verify-chain.js';
import type { NanocodeError } from '../../spec/errors.js';
import { runStoreContract } from '../contract/run-store-contract.test-util.js';
import { digestOf, makeEvents, makeHeader } from '../contract/store-fixtures.test-util.js';
import { openStore } from '../open-store.js';
import { createPostgresStore } from './create-postgres-store.js';
import { startPgProxy } from './pg-proxy.test-util.js';
import { appendPostgresEvents } from './postgres-append-events.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgres-migrations.js';
import { TEST_PG_URL, testSchemas, unreachableReason } from './postgres-test-server.test-util.js';

const T0 = '2026-01-01T00:00:00.000Z';
const reason = await unreachableReason();
const schemas = testSchemas();
afterAll(() => schemas.dropAll());

if (reason !== undefined && process.env.CI === 'true') {
  it('reaches the PostgreSQL test server (required when CI=true)', () => {
    expect.fail(reason);
  });
} else if (reason !== undefined) {
  console.warn(`skipping the PostgreSQL store tests: ${reason}`);
  it.skip(`PostgreSQL store (${reason})`, () => {});
} else {
  runStoreContract({
    name: 'postgres',
    create: () => createPostgresStore({ url: TEST_PG_URL, schema: schemas.next() }),
  });
  describe('createPostgresStore', postgresTests);
}

function postgresTests(): void {
  it('keeps everything across close and reopen, and records each schema version once', async () => {
    const schema = schemas.next();
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'degraded' });
    const first = await createPostgresStore({ url: TEST_PG_URL, schema });
    await first.createRun({ header, started_at: T0 });
    await first.appendEvents({ run_id: 'r1', events });
    await first.putCertificate({ run_id: 'r1', envelope: { payload: 'x' }, log_index: 0 });
    await first.leaves.append({ tenant: 'acme', leafHash: digestOf('c0') });
    await first.close();
    await first.close(); // closing twice is harmless

    const second = await openStore({ url: `${TEST_PG_URL}?schema=${schema}`, cwd: '.' });
    const run = await second.getRun({ run_id: 'r1' });
    expect(run?.events).toEqual(events);
    expect(run).toMatchObject({
      certificate: { payload: 'x' },
      log_index: 0,
      summary: { outcome: 'degraded' },
    });
    expect(await second.leaves.get({ tenant: 'acme', start: 0, end: 1 })).toEqual([digestOf('c0')]);
    await second.close();

    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    const versions = await client.query(`SELECT version FROM "${schema}".schema_version`);
    expect(versions.rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
    await client.query(`INSERT INTO "${schema}".schema_version VALUES ($1)`, [POSTGRES_SCHEMA_VERSION + 1]);
    await client.end();
    await expect(createPostgresStore({ url: TEST_PG_URL, schema })).rejects.toThrow(
      expect.objectContaining({
        code: 'NC_STORE_OPEN',
        message: expect.stringContaining(`schema version ${POSTGRES_SCHEMA_VERSION + 1}`),
      }),
    );
  });

  it('keeps policy versions append-only even for a raw connection', async () => {
    const schema = schemas.next();
    const store = await createPostgresStore({ url: TEST_PG_URL, schema });
    await store.updatePolicy({
      tenant: 'acme',
      expected_version: 0,
      documents: { prod: { name: 'prod' } },
      change: { actor: { key_id: 'k', key_prefix: 'nck_k' }, at: T0, action: 'profile.put', target: 'prod' },
    });
    await store.close();
    const client = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      for (const sql of [
        "UPDATE policy_versions SET target = 'x'",
        'DELETE FROM policy_versions',
        'TRUNCATE policy_versions',
      ]) {
        await expect(client.query(sql)).rejects.toThrow(/append-only/);
      }
      expect((await client.query('SELECT target FROM policy_versions')).rows).toEqual([{ target: 'prod' }]);
    } finally {
      await client.end();
    }
  });

  it('refuses an unreachable server with NC_STORE_OPEN, masking the password, and a bad schema name', async () => {
    const url = 'postgres://nanocode:hunter2@127.0.0.1:1/none';
    let thrown: unknown;
    try {
      await createPostgresStore({ url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'NanocodeError', code: 'NC_STORE_OPEN' });
    expect((thrown as Error).message).toContain('nanocode:***@127.0.0.1:1/none');
    expect((thrown as Error).message).not.toContain('hunter2');
    await expect(createPostgresStore({ url: TEST_PG_URL, schema: 'Bad; DROP' })).rejects.toThrow(
      expect.objectContaining({ code: 'NC_STORE_INPUT' }),
    );
  });

  it('serialises concurrent writers: gap-free leaves and one winner per seq', async () => {
    const schema = schemas.next();
    const a = await createPostgresStore({ url: TEST_PG_URL, schema });
    const b = await createPostgresStore({ url: TEST_PG_URL, schema });
    const indices = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).leaves.append({ tenant: 't', leafHash: digestOf(`${i}`) }),
      ),
    );
    expect([...indices].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));

    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 10, outcome: 'certified' });
    await a.createRun({ header, started_at: T0 });
    // Both writers push the whole log one event at a time; idempotent appends make them agree.
    await Promise.all(
      [a, b].map(async (store) => {
        for (let i = 0; i < events.length; i++) {
          await store.appendEvents({ run_id: 'r1', events: events.slice(i, i + 1) });
        }
      }),
    );
    // Two different events for the same next seq: exactly one is stored.
    const other = makeHeader({ run_id: 'r2' });
    const x = makeEvents({ header: other, started_at: T0, steps: 1 });
    const y = makeEvents({ header: other, started_at: '2026-02-01T00:00:00.000Z', steps: 1 });
    await a.createRun({ header: other, started_at: T0 });
    const results = await Promise.allSettled([
      a.appendEvents({ run_id: 'r2', events: x }),
      b.appendEvents({ run_id: 'r2', events: y }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'NC_STORE_CONFLICT',
    });

    const stored = await b.getRun({ run_id: 'r1' });
    expect(stored?.events).toEqual(events);
    expect(stored?.summary).toMatchObject({ event_count: events.length, outcome: 'certified' });
    expect(verifyChain({ header, events: stored!.events }).ok).toBe(true);
    await a.close();
    await b.close();
  });

  it('turns calls whose connection the server ends into NC_STORE_IO, without crashing, and recovers', async () => {
    const schema = schemas.next();
    const marker = `nc_io_${schema}`;
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('application_name', marker);
    const store = await createPostgresStore({ url: url.toString(), schema });
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 1, outcome: 'certified' });
    await store.createRun({ header, started_at: T0 });

    // Another session locks the table, so both a pooled query and a transaction wait on the server...
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    // ...watched from a third one: pg_stat_activity stays the same snapshot for a whole transaction.
    const observer = new pg.Client({ connectionString: TEST_PG_URL });
    await observer.connect();
    try {
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE "${schema}".runs IN ACCESS EXCLUSIVE MODE`);
      const listing = store.listRuns({});
      const append = store.appendEvents({ run_id: 'r1', events });
      const outcomes = Promise.allSettled([listing, append]);
      const waiting = async (): Promise<number> =>
        Number(
          (
            await observer.query<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
              [marker],
            )
          ).rows[0]?.n ?? 0,
        );
      for (let i = 0; i < 200 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(2);
      // ...when the server ends the store's connections (as a shutdown or an operator would).
      await observer.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [marker],
      );
      const [listed, appended] = await outcomes;
      for (const [result, operation] of [
        [listed, 'listRuns'],
        [appended, 'appendEvents'],
      ] as const) {
        expect(result.status).toBe('rejected');
        const reason = (result as PromiseRejectedResult).reason as NanocodeError;
        expect(reason).toMatchObject({
          name: 'NanocodeError',
          code: 'NC_STORE_IO',
          details: { operation, driver_code: '57P01' },
        });
        expect(reason.message).toContain(operation);
      }
    } finally {
      await admin.query('ROLLBACK').catch(() => {});
      await admin.end();
      await observer.end();
    }
    // The pool replaces the lost connections: the retried append lands, once.
    await store.appendEvents({ run_id: 'r1', events });
    expect((await store.listRuns({})).map((r) => [r.run_id, r.event_count])).toEqual([['r1', events.length]]);
    await store.close();
  });

  it('answers NC_STORE_IO once the server is gone, naming neither the URL nor its password', async () => {
    const proxy = await startPgProxy({ url: TEST_PG_URL });
    const url = new URL(proxy.url);
    // The local test server trusts loopback connections, so a made-up password only marks the URL.
    if (url.password === '') url.password = 'pw-that-must-not-leak';
    const store = await createPostgresStore({ url: url.toString(), schema: schemas.next() });
    await store.createRun({ header: makeHeader({ run_id: 'r1' }), started_at: T0 });
    expect(await store.listRuns({})).toHaveLength(1);
    await proxy.cut();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['listRuns', () => store.listRuns({})],
      ['getRun', () => store.getRun({ run_id: 'r1' })],
      ['putSalts', () => store.putSalts({ run_id: 'r1', salts: { a: 'b' } })],
      ['leaves.append', () => store.leaves.append({ tenant: 't', leafHash: digestOf('x') })],
    ];
    for (const [operation, call] of calls) {
      const error = await call().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, operation).toMatchObject({ code: 'NC_STORE_IO', details: { operation } });
      const shown = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
      // A socket error may name the host and port it could not reach, never the URL or its credentials.
      expect(shown).not.toContain(url.password);
      expect(shown).not.toMatch(/postgres(ql)?:\/\//);
    }
    await store.close();
  });

  it('leaves a run visibly incomplete when a writer dies inside its append transaction', async () => {
    const schema = schemas.next();
    const store = await createPostgresStore({ url: TEST_PG_URL, schema });
    const header = makeHeader({ run_id: 'cut' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'certified' });
    await store.createRun({ header, started_at: T0 });
    await store.appendEvents({ run_id: 'cut', events: events.slice(0, 3) });

    const writer = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    writer.on('error', () => {});
    await writer.connect();
    const pid = (await writer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await writer.query('BEGIN');
    await appendPostgresEvents({ client: writer as pg.PoolClient, run_id: 'cut', events: events.slice(3) });
    // The process dies before COMMIT: the server ends its session and rolls the transaction back.
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    await writer.end().catch(() => {});

    const run = await store.getRun({ run_id: 'cut' });
    expect(run?.events).toEqual(events.slice(0, 3));
    expect(run?.summary).toMatchObject({ outcome: 'running', event_count: 3 });
    expect((await store.listRuns({ status: 'running' })).map((s) => s.run_id)).toEqual(['cut']);
    // The writer's retry after the crash completes the run.
    await store.appendEvents({ run_id: 'cut', events });
    expect((await store.getRun({ run_id: 'cut' }))?.summary.outcome).toBe('certified');
    await store.close();
  });
}
