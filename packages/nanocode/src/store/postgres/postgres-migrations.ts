import type { PoolClient } from 'pg';
import { NanocodeError } from '../../spec/errors.js';
import { inTransaction } from './pg-transaction.js';

/** One forward-only schema step. Applied steps are never edited: a change is a new step. */
export interface PostgresMigration {
  version: number;
  sql: string;
}

/**
 * The PostgreSQL schema, step by step; the same tables and indexes as the SQLite store. Text columns that
 * are compared or ordered use the "C" collation, so ordering is by code point, as in SQLite and memory.
 * Times are the ISO strings the events carry, kept as text so they round-trip byte for byte.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE runs (
        run_id TEXT COLLATE "C" PRIMARY KEY,
        tenant TEXT COLLATE "C" NOT NULL,
        workflow TEXT COLLATE "C" NOT NULL,
        version TEXT NOT NULL,
        profile TEXT NOT NULL,
        outcome TEXT COLLATE "C" NOT NULL,
        started_at TEXT COLLATE "C" NOT NULL,
        finished_at TEXT,
        header TEXT NOT NULL,
        certificate TEXT,
        log_index BIGINT,
        event_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_start ON runs (started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant ON runs (tenant, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_workflow ON runs (workflow, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_outcome ON runs (outcome, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant_workflow ON runs (tenant, workflow, started_at DESC, run_id DESC);
      CREATE INDEX runs_by_tenant_outcome ON runs (tenant, outcome, started_at DESC, run_id DESC);
      CREATE TABLE events (
        run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        step TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE run_constraints (
        run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        started_at TEXT COLLATE "C" NOT NULL,
        step TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX run_constraints_by_status
        ON run_constraints (id, status, step, started_at DESC, run_id DESC);
      CREATE INDEX run_constraints_by_run ON run_constraints (run_id);
      CREATE TABLE salts (
        run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        name TEXT COLLATE "C" NOT NULL,
        salt TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      );
      CREATE TABLE log_leaves (
        tenant TEXT COLLATE "C" NOT NULL,
        idx BIGINT NOT NULL,
        leaf BYTEA NOT NULL,
        PRIMARY KEY (tenant, idx)
      );
      CREATE TABLE checkpoints (
        tenant TEXT COLLATE "C" NOT NULL,
        size BIGINT NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (tenant, size)
      );
      CREATE TABLE api_keys (
        id TEXT COLLATE "C" PRIMARY KEY,
        tenant TEXT COLLATE "C" NOT NULL,
        role TEXT NOT NULL,
        hash TEXT COLLATE "C" NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        label TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_by_tenant ON api_keys (tenant, created_at, id);
    `,
  },
  {
    // API-managed policy: one row per version, with the audit entry of the change that made it.
    // Append-only: the trigger refuses any update, delete or truncate, whoever holds a connection.
    version: 2,
    sql: `
      CREATE TABLE policy_versions (
        tenant TEXT COLLATE "C" NOT NULL,
        version BIGINT NOT NULL,
        digest TEXT NOT NULL,
        documents TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_key_id TEXT NOT NULL,
        actor_prefix TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        previous_digest TEXT NOT NULL,
        PRIMARY KEY (tenant, version)
      );
      CREATE FUNCTION policy_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'policy_versions is append-only'; END $$;
      CREATE TRIGGER policy_versions_no_change BEFORE UPDATE OR DELETE ON policy_versions
        FOR EACH ROW EXECUTE FUNCTION policy_versions_append_only();
      CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions
        FOR EACH STATEMENT EXECUTE FUNCTION policy_versions_append_only();
    `,
  },
  {
    // Evals (`nanocode eval`), as in the SQLite store's step 5.
    version: 3,
    sql: `
      CREATE TABLE evals (
        eval_id TEXT COLLATE "C" PRIMARY KEY,
        tenant TEXT COLLATE "C" NOT NULL,
        workflow TEXT COLLATE "C" NOT NULL,
        profile TEXT NOT NULL,
        dataset TEXT NOT NULL,
        started_at TEXT COLLATE "C" NOT NULL,
        repeat_count INTEGER NOT NULL,
        concurrency INTEGER NOT NULL,
        status TEXT NOT NULL,
        finished_at TEXT,
        summary TEXT,
        case_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX evals_by_tenant ON evals (tenant, started_at DESC, eval_id DESC);
      CREATE INDEX evals_by_tenant_workflow ON evals (tenant, workflow, started_at DESC, eval_id DESC);
      CREATE TABLE eval_cases (
        eval_id TEXT COLLATE "C" NOT NULL REFERENCES evals (eval_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        outcome TEXT COLLATE "C" NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (eval_id, seq)
      );
      CREATE INDEX eval_cases_by_outcome ON eval_cases (eval_id, outcome, seq);
    `,
  },
];

/** The schema version this build writes. */
export const POSTGRES_SCHEMA_VERSION = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));

/**
 * Brings the schema up to date in one transaction under an advisory lock, so two processes starting
 * against a new database cannot both apply a step. A schema from a newer build throws `NC_STORE_OPEN`.
 */
export async function migratePostgres(options: {
  client: PoolClient;
  /** The schema to create when missing; absent: the connection's default schema. */
  schema: string | undefined;
  /** Shown in errors (without a password). */
  where: string;
  migrations?: readonly PostgresMigration[];
}): Promise<number> {
  const migrations = options.migrations ?? POSTGRES_MIGRATIONS;
  const latest = Math.max(...migrations.map((m) => m.version));
  return inTransaction({
    on: options.client,
    use: async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `nanocode.migrate.${options.schema ?? ''}`,
      ]);
      if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)');
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT MAX(version) AS version FROM schema_version',
      );
      const current = rows[0]?.version ?? 0;
      if (current > latest) {
        throw new NanocodeError({
          code: 'NC_STORE_OPEN',
          message: `store ${options.where} has schema version ${current}; this nanocode knows up to ${latest}`,
          hint: 'upgrade nanocode to open this store',
        });
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version]);
      }
      return latest;
    },
  });
}
