import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './migrations.js';

describe('migrate', () => {
  it('applies each pending step once, in order, and records it', () => {
    const db = new Database(':memory:');
    expect(migrate({ db, path: ':memory:' })).toBe(SCHEMA_VERSION);
    expect(migrate({ db, path: ':memory:' })).toBe(SCHEMA_VERSION);
    const next = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, sql: 'ALTER TABLE runs ADD COLUMN note TEXT' },
    ];
    expect(migrate({ db, path: ':memory:', migrations: next })).toBe(SCHEMA_VERSION + 1);
    expect(migrate({ db, path: ':memory:', migrations: next })).toBe(SCHEMA_VERSION + 1);
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').all();
    expect(versions).toEqual([...next.map((m) => ({ version: m.version }))]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('runs')").all();
    expect(columns).toContainEqual({ name: 'note' });
    db.close();
  });

  it('rolls a failing step back and refuses a newer schema', () => {
    const db = new Database(':memory:');
    migrate({ db, path: 'test.db' });
    const broken = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, sql: 'CREATE TABLE x (a); SELECT nope FROM y' },
    ];
    expect(() => migrate({ db, path: 'test.db', migrations: broken })).toThrow(/no such table/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'x'").all()).toEqual([]);
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: SCHEMA_VERSION });

    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION + 5);
    expect(() => migrate({ db, path: 'test.db' })).toThrow(
      expect.objectContaining({ code: 'NC_STORE_OPEN', message: expect.stringContaining('test.db') }),
    );
    db.close();
  });

  it('fills run_constraints from the run.completed events of a store written before version 3', () => {
    const db = new Database(':memory:');
    migrate({ db, path: ':memory:', migrations: MIGRATIONS.filter((m) => m.version < 3) });
    db.prepare(
      `INSERT INTO runs (run_id, tenant, workflow, version, profile, outcome, started_at, header)
       VALUES ('r1', 't', 'w', '1', 'p', 'certified', '2026-01-01T00:00:00.000Z', '{}')`,
    ).run();
    const completed = {
      type: 'run.completed',
      data: { constraints: [{ step: 's0', id: 'short', status: 'violated' }] },
    };
    db.prepare("INSERT INTO events (run_id, seq, type, body) VALUES ('r1', 0, 'run.started', '{}')").run();
    db.prepare("INSERT INTO events (run_id, seq, type, body) VALUES ('r1', 1, 'run.completed', ?)").run(
      JSON.stringify(completed),
    );
    migrate({ db, path: ':memory:' });
    expect(db.prepare('SELECT * FROM run_constraints ORDER BY step DESC').all()).toEqual([
      { run_id: 'r1', started_at: '2026-01-01T00:00:00.000Z', step: 's0', id: 'short', status: 'violated' },
      { run_id: 'r1', started_at: '2026-01-01T00:00:00.000Z', step: '*', id: 'short', status: 'violated' },
    ]);
    db.close();
  });
});
