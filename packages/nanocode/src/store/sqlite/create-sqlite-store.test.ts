import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../evidence/verify-chain.js';
import { runStoreContract } from '../contract/run-store-contract.test-util.js';
import { digestOf, makeEvents, makeHeader } from '../contract/store-fixtures.test-util.js';
import { createSqliteStore } from './create-sqlite-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nanocode-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runStoreContract({
  name: 'sqlite',
  create: async () => createSqliteStore({ path: join(tempDir(), 'nanocode.db') }),
});

const T0 = '2026-01-01T00:00:00.000Z';

describe('createSqliteStore', () => {
  it('keeps everything across close and reopen', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'degraded' });
    const first = createSqliteStore({ path });
    await first.createRun({ header, started_at: T0 });
    await first.appendEvents({ run_id: 'r1', events });
    await first.putCertificate({ run_id: 'r1', envelope: { payload: 'x' }, log_index: 0 });
    await first.putSalts({ run_id: 'r1', salts: { 'input/a': 'aa', 'input/b': 'bb' } });
    await first.leaves.append({ tenant: 'acme', leafHash: digestOf('c0') });
    await first.putCheckpoint({ tenant: 'acme', size: 1, note: 'note\n' });
    await first.close();
    await first.close(); // closing twice is harmless

    const second = createSqliteStore({ path });
    const run = await second.getRun({ run_id: 'r1' });
    expect(run?.events).toEqual(events);
    expect(run).toMatchObject({
      certificate: { payload: 'x' },
      log_index: 0,
      summary: { outcome: 'degraded' },
    });
    expect(verifyChain({ header: run!.header, events: run!.events }).ok).toBe(true);
    expect(await second.getSalts({ run_id: 'r1' })).toEqual({ 'input/a': 'aa', 'input/b': 'bb' });
    expect(await second.leaves.get({ tenant: 'acme', start: 0, end: 1 })).toEqual([digestOf('c0')]);
    expect(await second.getCheckpoint({ tenant: 'acme' })).toEqual({ size: 1, note: 'note\n' });
    await second.close();
  });

  it('creates missing folders with mode 0700 and the file (and its WAL) with mode 0600', async () => {
    const root = tempDir();
    const path = join(root, 'a', '.nanocode', 'nanocode.db');
    const store = createSqliteStore({ path });
    await store.createRun({ header: makeHeader({ run_id: 'r1' }), started_at: T0 });
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'a', '.nanocode')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('uses WAL, links events and salts to runs, and records the schema version once', async () => {
    const path = join(tempDir(), 'nanocode.db');
    await createSqliteStore({ path }).close();
    await createSqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'api_keys',
      'checkpoints',
      'eval_cases',
      'evals',
      'events',
      'log_leaves',
      'policy_versions',
      'run_constraints',
      'runs',
      'salts',
      'schema_version',
    ]);
    const references = db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)');
    expect(references.all('events')).toEqual([{ table: 'runs' }]);
    expect(references.all('salts')).toEqual([{ table: 'runs' }]);
    db.close();
  });

  it('keeps policy versions append-only even for a raw connection', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const store = createSqliteStore({ path });
    await store.updatePolicy({
      tenant: 'acme',
      expected_version: 0,
      documents: { prod: { name: 'prod' } },
      change: { actor: { key_id: 'k', key_prefix: 'nck_k' }, at: T0, action: 'profile.put', target: 'prod' },
    });
    await store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE policy_versions SET target = 'other'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM policy_versions').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT target FROM policy_versions').all()).toEqual([{ target: 'prod' }]);
    db.close();
  });

  it('refuses a corrupt file, a folder and a newer schema with NC_STORE_OPEN naming the path', () => {
    const dir = tempDir();
    const corrupt = join(dir, 'corrupt.db');
    writeFileSync(
      corrupt,
      'this is not a database, just some text that is long enough to matter'.repeat(100),
    );
    const expectOpenError = (path: string, pattern: RegExp) => {
      let thrown: unknown;
      try {
        createSqliteStore({ path });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ name: 'NanocodeError', code: 'NC_STORE_OPEN' });
      const message = (thrown as Error).message;
      expect(message).toContain(path);
      expect(message).toMatch(pattern);
      expect(message).not.toMatch(/\n\s+at /);
    };
    expectOpenError(corrupt, /not a database/);
    expectOpenError(dir, /cannot open store/);

    const newer = join(dir, 'newer.db');
    createSqliteStore({ path: newer }).close();
    const db = new Database(newer);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION + 1);
    db.close();
    expectOpenError(newer, new RegExp(`schema version ${SCHEMA_VERSION + 1}`));
  });

  it('answers NC_STORE_IO (SQLITE_BUSY) while another connection holds the write lock past the timeout', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const store = createSqliteStore({ path, busy_timeout_ms: 0 });
    const header = makeHeader({ run_id: 'r1' });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(store.createRun({ header, started_at: T0 })).rejects.toThrow(
        expect.objectContaining({
          name: 'NanocodeError',
          code: 'NC_STORE_IO',
          details: { operation: 'createRun', driver_code: 'SQLITE_BUSY' },
        }),
      );
      // WAL readers are not blocked by the writer.
      expect(await store.listRuns({})).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.createRun({ header, started_at: T0 });
    expect((await store.listRuns({})).map((r) => r.run_id)).toEqual(['r1']);
    await store.close();
  });

  it('lets two store instances on one file share runs and leaves without conflicts', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const a = createSqliteStore({ path });
    const b = createSqliteStore({ path });
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 3, outcome: 'certified' });
    await a.createRun({ header, started_at: T0 });
    await b.createRun({ header, started_at: T0 });
    await a.appendEvents({ run_id: 'r1', events: events.slice(0, 3) });
    await b.appendEvents({ run_id: 'r1', events: events.slice(0, 6) });
    await a.appendEvents({ run_id: 'r1', events });
    await expect(b.appendEvents({ run_id: 'r1', events: [{ ...events[7]!, ts: T0 }] })).rejects.toThrow(
      expect.objectContaining({ code: 'NC_STORE_CONFLICT' }),
    );
    expect((await b.getRun({ run_id: 'r1' }))?.events).toEqual(events);
    expect(await a.leaves.append({ tenant: 't', leafHash: digestOf('0') })).toBe(0);
    expect(await b.leaves.append({ tenant: 't', leafHash: digestOf('1') })).toBe(1);
    expect(await a.leaves.append({ tenant: 't', leafHash: digestOf('2') })).toBe(2);
    await a.close();
    await b.close();
  });

  it('takes concurrent appends from two processes without corruption (WAL, busy timeout)', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
    const writer = fileURLToPath(new URL('./concurrent-writer.test-util.ts', import.meta.url));
    const count = 150;
    const go = join(tempDir(), 'go');
    const writers = ['x', 'y'].map((label) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, path, label, String(count), go], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const ready = once(child.stdout, 'data');
      const exited = once(child, 'exit').then(([code]) => ({ code, stderr }));
      return { ready, exited };
    });
    // Both writers have opened the file before either starts writing, so their transactions overlap.
    await Promise.all(writers.map((w) => w.ready));
    writeFileSync(go, '');
    for (const { exited } of writers) expect(await exited).toEqual({ code: 0, stderr: '' });

    const store = createSqliteStore({ path });
    expect(await store.leaves.size({ tenant: 'shared' })).toBe(2 * count);
    const leaves = await store.leaves.get({ tenant: 'shared', start: 0, end: 2 * count });
    const expected = ['x', 'y'].flatMap((label) =>
      Array.from({ length: count }, (_, i) => Buffer.from(digestOf(`${label}-${i}`)).toString('hex')),
    );
    expect(leaves.map((leaf) => Buffer.from(leaf).toString('hex')).sort()).toEqual(expected.sort());
    for (const label of ['x', 'y']) {
      const stored = await store.getRun({ run_id: `run-${label}` });
      expect(stored?.events).toHaveLength(1 + 2 * count);
      expect(verifyChain({ header: stored!.header, events: stored!.events }).ok).toBe(true);
    }
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('shows a run whose writer was killed before run.completed as running after reopening', async () => {
    const path = join(tempDir(), 'nanocode.db');
    const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
    const writer = fileURLToPath(new URL('./crashing-writer.test-util.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const exited = once(child, 'exit');
    await new Promise<void>((done) => {
      // An early exit also ends the wait; the assertions below then report it.
      child.on('exit', () => done());
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('appended 4')) done();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toEqual([null, 'SIGKILL']);

    const store = createSqliteStore({ path });
    const run = await store.getRun({ run_id: 'cut' });
    expect(run?.summary).toMatchObject({ outcome: 'running', event_count: 4 });
    expect(run?.summary.finished_at).toBeUndefined();
    expect(verifyChain({ header: run!.header, events: run!.events }).ok).toBe(true);
    expect((await store.listRuns({ status: 'running' })).map((s) => s.run_id)).toEqual(['cut']);
    await store.close();
  });
});
