import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createEventLog } from '../src/evidence/event-log.js';
import type { RunEvent, RunHeader } from '../src/spec/events.js';
import type { ListRunsOptions } from '../src/spec/store.js';
import { listRunsQuery } from '../src/store/list-runs-query.js';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store.js';
import { SCHEMA_VERSION } from '../src/store/sqlite/migrations.js';
import { sqliteListRunsSql } from '../src/store/sqlite/sqlite-list-runs.js';
import { type Measurement, measureAll, printTable } from './measure.js';

const DIGEST = `sha256:${'0'.repeat(64)}`;
const RUNS = 1_000_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
/** The `synchronous` pragma the append bench ran with (1 NORMAL, 2 FULL), for the table title. */
let synchronous = '?';

/** A sealed run of `steps` model steps (2 events each) between run.started and run.completed. */
function sealedRun(options: { run_id: string; steps: number }): { header: RunHeader; events: RunEvent[] } {
  const header: RunHeader = {
    spec: 'nanocode.run/v1',
    run_id: options.run_id,
    tenant: 'bench',
    workflow: { name: 'bench', version: '1', digest: DIGEST },
    profile: { name: 'default', digest: DIGEST },
    config_digest: DIGEST,
    framework: { name: 'nanocode', version: 'bench' },
  };
  let tick = T0;
  const clock = (): string => {
    tick += 7;
    return new Date(tick).toISOString();
  };
  const log = createEventLog({ header, clock });
  const budget = { attempts: 3, tokens: 1000, cost_usd: 0.5, time_ms: 10_000 };
  log.append({
    type: 'run.started',
    data: { run_id: options.run_id, inputs_digest: DIGEST, inputs: {}, budget },
  });
  for (let i = 0; i < options.steps; i++) {
    log.append({
      type: 'step.started',
      step: `s${i}`,
      data: { kind: 'model', depends_on: [], adapters: [] },
    });
    log.append({ type: 'step.completed', step: `s${i}`, data: { status: 'released' } });
  }
  const consumed = { attempts: 1, tokens: 12, cost_usd: 0.0001, time_ms: 3 };
  const constraints = [{ step: 's0', id: 'short', status: 'enforced' as const }];
  log.append({ type: 'run.completed', data: { outcome: 'certified', constraints, consumed } });
  return { header, events: log.events() };
}

/**
 * Events appended per second through the SQLite store (one transaction per run, as the runner does),
 * against a bare prepared INSERT of the same bodies into a plain table of the same file.
 */
async function benchAppend(): Promise<{ rows: Measurement[]; baseline: Measurement }> {
  const dir = mkdtempSync(join(tmpdir(), 'nanocode-bench-store-'));
  try {
    const store = createSqliteStore({ path: join(dir, 'append.db') });
    const db = new Database(join(dir, 'append.db'));
    db.exec('CREATE TABLE plain (run_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO plain (run_id, seq, body) VALUES (?, ?, ?)');
    const bare = db.transaction((run_id: string, events: RunEvent[]) => {
      for (const e of events) insert.run(run_id, e.seq, JSON.stringify(e));
    });
    synchronous = String(db.pragma('synchronous', { simple: true }));
    const runs = Array.from({ length: 4000 }, (_, i) => sealedRun({ run_id: `run-${i}`, steps: 4 }));
    const perRun = runs[0]!.events.length;
    let storeNext = 0;
    let bareNext = 0;
    const measured = await measureAll({
      warmup: 50,
      batches: 15,
      batchSize: 20,
      contenders: [
        {
          name: `bare INSERT of ${perRun} events in one transaction`,
          fn: async () => {
            const { header, events } = runs[bareNext++ % runs.length]!;
            bare(header.run_id, events);
          },
        },
        {
          name: `store.createRun + appendEvents (${perRun} sealed events)`,
          fn: async () => {
            const { header, events } = runs[storeNext++]!;
            await store.createRun({ header, started_at: events[0]!.ts });
            await store.appendEvents({ run_id: header.run_id, events });
          },
        },
      ],
    });
    db.close();
    await store.close();
    const rows = measured.map((m) => ({
      ...m,
      name: `${m.name}: ${Math.round((perRun * 1e6) / m.median_us).toLocaleString('en')} events/s`,
    }));
    return { rows, baseline: rows[0]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Fills a store file with a million synthetic runs (50 tenants, 20 workflows, one run every 30 s,
 * 1% violating constraint `short` at step s0, 0.1% still running) in one transaction, indexes dropped during the
 * load and rebuilt after, so generation takes seconds rather than minutes.
 */
function generateRuns(options: { path: string }): void {
  createSqliteStore({ path: options.path }).close();
  const db = new Database(options.path);
  db.pragma('synchronous = OFF');
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('runs', 'run_constraints')",
    )
    .all();
  db.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${RUNS - 1})
      INSERT INTO runs (run_id, tenant, workflow, version, profile, outcome, started_at, finished_at, header)
      SELECT printf('run-%07d', i), 'tenant-' || (i % 50), 'wf-' || ((i / 7) % 20), '1', 'default',
        CASE WHEN i % 1000 = 999 THEN 'running' WHEN i % 100 = 7 THEN 'certified_with_exceptions'
             WHEN i % 10 = 3 THEN 'stopped' WHEN i % 10 = 5 THEN 'degraded' ELSE 'certified' END,
        strftime('%Y-%m-%dT%H:%M:%fZ', ${T0 / 1000} + i * 30, 'unixepoch'),
        CASE WHEN i % 1000 = 999 THEN NULL
             ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${T0 / 1000} + i * 30 + 4, 'unixepoch') END,
        '{}'
      FROM n;
      INSERT INTO run_constraints (run_id, started_at, step, id, status)
      SELECT run_id, started_at, step, 'short',
        CASE WHEN outcome = 'certified_with_exceptions' THEN 'violated' ELSE 'enforced' END
      FROM runs, (SELECT 's0' AS step UNION ALL SELECT '*') WHERE outcome <> 'running';
    `);
    for (const index of indexes) db.exec(index.sql);
  })();
  db.exec('ANALYZE');
  db.close();
}

/** The filters measured at a million runs, each with the plan SQLite chose. */
const FILTERS: Array<{ name: string; filters: ListRunsOptions }> = [
  { name: 'newest 50', filters: {} },
  { name: 'tenant', filters: { tenant: 'tenant-17' } },
  { name: 'workflow', filters: { workflow: 'wf-3' } },
  { name: 'outcome stopped', filters: { outcome: 'stopped' } },
  { name: 'tenant + outcome degraded', filters: { tenant: 'tenant-5', outcome: 'degraded' } },
  { name: 'tenant + workflow', filters: { tenant: 'tenant-9', workflow: 'wf-4' } },
  {
    name: 'time range (one day, mid-year)',
    filters: { since: '2026-06-01T00:00:00.000Z', before: '2026-06-02T00:00:00.000Z' },
  },
  { name: 'page deep (before mid-year)', filters: { before: '2026-06-01T00:00:00.000Z' } },
  { name: 'status running (0.1%)', filters: { status: 'running' } },
  { name: 'constraint short violated (1%)', filters: { constraint: { id: 'short', status: 'violated' } } },
  {
    name: 'tenant + constraint short violated',
    filters: { tenant: 'tenant-7', constraint: { id: 'short', status: 'violated' } },
  },
];

/** Listing latency over a million runs, by filter, with each query plan. */
async function benchList(): Promise<void> {
  const dir = resolve('.nanocode', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `runs-1m-schema${SCHEMA_VERSION}.db`);
  if (existsSync(path)) {
    console.log(`\nreusing ${RUNS.toLocaleString('en')} synthetic runs in ${path}`);
  } else {
    const start = performance.now();
    generateRuns({ path });
    console.log(
      `\ngenerated ${RUNS.toLocaleString('en')} synthetic runs in ${((performance.now() - start) / 1000).toFixed(1)} s (${path})`,
    );
  }
  const store = createSqliteStore({ path });
  const db = new Database(path, { readonly: true });
  const measured = await measureAll({
    warmup: 3,
    batches: 7,
    batchSize: 3,
    contenders: FILTERS.map(({ name, filters }) => ({
      name,
      fn: () => store.listRuns({ ...filters, limit: 50 }),
    })),
  });
  console.log('Listing 50 runs of 1,000,000 in SQLite (median) and the plan SQLite chose');
  for (const [i, { filters }] of FILTERS.entries()) {
    const m = measured[i]!;
    const count = (await store.listRuns({ ...filters, limit: 50 })).length;
    console.log(`  ${m.name.padEnd(40)} ${(m.median_us / 1000).toFixed(2).padStart(8)} ms   ${count} rows`);
    const { body, values } = listRunsQuery({ filters, placeholder: () => '?' });
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sqliteListRunsSql({ body })}`)
      .all(...values, 50);
    for (const step of plan) console.log(`      ${step.detail}`);
  }
  db.close();
  await store.close();
}

/** `npm run bench` part: SQLite append rate against a bare INSERT, and listing at a million runs. */
export async function benchStore(): Promise<void> {
  const append = await benchAppend();
  printTable({
    title: `Appending a run of sealed events to SQLite (median per run; WAL, synchronous=${synchronous})`,
    ...append,
  });
  await benchList();
}
