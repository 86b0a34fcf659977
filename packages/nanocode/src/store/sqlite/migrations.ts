import type { Database } from 'better-sqlite3';
import { NanocodeError } from '../../spec/errors.js';

/** One forward-only schema step. Applied steps are never edited: a change is a new step. */
export interface Migration {
  version: number;
  sql: string;
}

/** The schema, step by step. `schema_version` holds one row per applied step. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        workflow TEXT NOT NULL,
        version TEXT NOT NULL,
        profile TEXT NOT NULL,
        outcome TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        header TEXT NOT NULL,
        certificate TEXT,
        log_index INTEGER
      ) STRICT;
      CREATE INDEX runs_by_start ON runs (started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant ON runs (tenant, started_at DESC, run_id DESC);
      CREATE TABLE events (
        run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        step TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE salts (
        run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        salt TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE log_leaves (
        tenant TEXT NOT NULL,
        idx INTEGER NOT NULL,
        leaf BLOB NOT NULL,
        PRIMARY KEY (tenant, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE checkpoints (
        tenant TEXT NOT NULL,
        size INTEGER NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (tenant, size)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        role TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX api_keys_by_tenant ON api_keys (tenant, created_at, id);
    `,
  },
  {
    // Listing filters that stay index-backed at a million runs (bench/store.bench.ts measures them).
    version: 3,
    sql: `
      CREATE TABLE run_constraints (
        run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        step TEXT NOT NULL,
        id TEXT NOT NULL,
        status TEXT NOT NULL
      ) STRICT;
      CREATE INDEX run_constraints_by_status
        ON run_constraints (id, status, step, started_at DESC, run_id DESC);
      CREATE INDEX run_constraints_by_run ON run_constraints (run_id);
      CREATE INDEX runs_by_workflow ON runs (workflow, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_outcome ON runs (outcome, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant_workflow ON runs (tenant, workflow, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant_outcome ON runs (tenant, outcome, started_at DESC, run_id DESC);
      INSERT INTO run_constraints (run_id, started_at, step, id, status)
        SELECT e.run_id, r.started_at, c.value ->> 'step', c.value ->> 'id', c.value ->> 'status'
        FROM events e JOIN runs r USING (run_id), json_each(e.body, '$.data.constraints') c
        WHERE e.type = 'run.completed';
      INSERT INTO run_constraints (run_id, started_at, step, id, status)
        SELECT DISTINCT run_id, started_at, '*', id, status FROM run_constraints;
    `,
  },
  {
    // API-managed policy: one row per version, with the audit entry of the change that made it.
    // Append-only: the triggers refuse any update or delete, whoever holds the file.
    version: 4,
    sql: `
      CREATE TABLE policy_versions (
        tenant TEXT NOT NULL,
        version INTEGER NOT NULL,
        digest TEXT NOT NULL,
        documents TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_key_id TEXT NOT NULL,
        actor_prefix TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        previous_digest TEXT NOT NULL,
        PRIMARY KEY (tenant, version)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy_versions is append-only'); END;
      CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy_versions is append-only'); END;
    `,
  },
  {
    // Evals (`nanocode eval`): one row per eval, one per case run in dataset order; a case row's columns
    // are what listings filter on, its body the whole row (statuses read with ->> for the matrix filter).
    version: 5,
    sql: `
      CREATE TABLE evals (
        eval_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        workflow TEXT NOT NULL,
        profile TEXT NOT NULL,
        dataset TEXT NOT NULL,
        started_at TEXT NOT NULL,
        repeat_count INTEGER NOT NULL,
        concurrency INTEGER NOT NULL,
        status TEXT NOT NULL,
        finished_at TEXT,
        summary TEXT,
        case_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX evals_by_tenant ON evals (tenant, started_at DESC, eval_id DESC);
      CREATE INDEX evals_by_tenant_workflow ON evals (tenant, workflow, started_at DESC, eval_id DESC);
      CREATE TABLE eval_cases (
        eval_id TEXT NOT NULL REFERENCES evals (eval_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (eval_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX eval_cases_by_outcome ON eval_cases (eval_id, outcome, seq);
    `,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Brings a database up to {@link SCHEMA_VERSION} in one immediate transaction, so two processes opening a
 * new file at once cannot both apply a step. A database from a newer build throws `NC_STORE_OPEN` rather
 * than being written by code that does not know its schema.
 */
export function migrate(options: { db: Database; path: string; migrations?: readonly Migration[] }): number {
  const { db, path } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = Math.max(...migrations.map((m) => m.version));
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY) STRICT');
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > latest) {
      throw new NanocodeError({
        code: 'NC_STORE_OPEN',
        message: `store ${path} has schema version ${current}; this nanocode knows up to ${latest}`,
        hint: 'upgrade nanocode to open this store',
      });
    }
    const record = db.prepare('INSERT INTO schema_version (version) VALUES (?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version);
    }
    return latest;
  });
  return apply.immediate();
}
