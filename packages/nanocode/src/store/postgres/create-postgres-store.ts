import type { Pool } from 'pg';
import { canonicalJson } from '../../evidence/canonical-json.js';
import { NanocodeError } from '../../spec/errors.js';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import type { RunStore, StoredRun } from '../../spec/store.js';
import { guardStoreErrors } from '../guard-store-errors.js';
import { resolveListLimit } from '../list-limit.js';
import { listRunsQuery } from '../list-runs-query.js';
import { type RunSummaryColumns, runSummaryOfRow } from '../run-row-summary.js';
import { headerFields } from '../run-summary-fields.js';
import { conflictError, unknownRunError } from '../store-errors.js';
import { pgStoreError } from './pg-store-error.js';
import { inTransaction } from './pg-transaction.js';
import { createPostgresApiKeys } from './postgres-api-keys.js';
import { appendPostgresEvents } from './postgres-append-events.js';
import { createPostgresEvals } from './postgres-evals.js';
import { createPostgresLeafStore } from './postgres-leaf-store.js';
import { migratePostgres } from './postgres-migrations.js';
import { createPostgresPolicies } from './postgres-policies.js';

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` connection URL. */
  url: string;
  /**
   * The schema holding the tables (created when missing), so deployments or tests can share a database;
   * lowercase letters, digits and `_`. Absent: the connection's default schema (usually `public`).
   */
  schema?: string;
}

/** A `runs` row as PostgreSQL returns it. */
interface PgRunRow extends RunSummaryColumns {
  header: string;
  certificate: string | null;
  log_index: string | null;
  event_count: number;
}

/**
 * The {@link RunStore} on PostgreSQL (`pg`, loaded on demand), for deployments where several processes
 * or machines share one store. Same semantics as the SQLite store: each write is one transaction; an
 * append locks its run row. Throws `NC_STORE_OPEN` when the server cannot be reached or the schema is
 * newer than this build; `NC_STORE_INPUT` for a malformed schema name. Once open, a call the server
 * cannot serve (connection lost, server shut down, disk full) throws `NC_STORE_IO`.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<RunStore> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new NanocodeError({
      code: 'NC_STORE_INPUT',
      message: `PostgreSQL schema name ${JSON.stringify(schema)} must be lowercase letters, digits and _`,
    });
  }
  const where = redactUrl({ url: options.url });
  const { default: pg } = await import('pg');
  const pool: Pool = new pg.Pool({
    connectionString: options.url,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client that loses its server must not crash the process; the next query reports the loss.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    // A checked-out client has no pool listener: without one, losing the server would crash the process.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    try {
      await migratePostgres({ client, schema, where });
    } finally {
      client.removeListener('error', onLost);
      client.release(lost);
    }
  } catch (error) {
    await pool.end();
    if (error instanceof NanocodeError) throw error;
    throw new NanocodeError({
      code: 'NC_STORE_OPEN',
      message: `cannot open store ${where}: ${(error as Error).message}`,
      hint: 'check that the PostgreSQL server is running and that the URL, user and database are right',
      details: { url: where },
    });
  }

  const lockRun = async (client: { query: Pool['query'] }, run_id: string): Promise<PgRunRow> => {
    const { rows } = await client.query<PgRunRow>('SELECT * FROM runs WHERE run_id = $1 FOR UPDATE', [
      run_id,
    ]);
    if (!rows[0]) throw unknownRunError({ run_id });
    return rows[0];
  };
  let closed = false;

  const store: RunStore = {
    spec: 'nanocode.store/v1',
    async createRun({ header, started_at }) {
      const json = canonicalJson(header);
      const fields = headerFields(header);
      const inserted = await pool.query(
        `INSERT INTO runs (run_id, tenant, workflow, version, profile, outcome, started_at, header)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $7) ON CONFLICT (run_id) DO NOTHING`,
        [
          header.run_id,
          fields.tenant,
          fields.workflow,
          fields.workflow_version,
          fields.profile,
          started_at,
          json,
        ],
      );
      if (inserted.rowCount === 1) return;
      const { rows } = await pool.query<{ header: string }>('SELECT header FROM runs WHERE run_id = $1', [
        header.run_id,
      ]);
      if (rows[0]?.header !== json) throw conflictError({ what: `run ${header.run_id}`, details: {} });
    },
    async appendEvents({ run_id, events }) {
      await inTransaction({ on: pool, use: (client) => appendPostgresEvents({ client, run_id, events }) });
    },
    async getRun({ run_id }) {
      return inTransaction({
        on: pool,
        begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        use: async (client) => {
          const { rows } = await client.query<PgRunRow>('SELECT * FROM runs WHERE run_id = $1', [run_id]);
          const row = rows[0];
          if (!row) return undefined;
          const bodies = await client.query<{ body: string }>(
            'SELECT body FROM events WHERE run_id = $1 ORDER BY seq',
            [run_id],
          );
          const stored: StoredRun = {
            summary: runSummaryOfRow({ row, event_count: row.event_count }),
            header: JSON.parse(row.header) as RunHeader,
            events: bodies.rows.map((e) => JSON.parse(e.body) as RunEvent),
          };
          if (row.certificate !== null) stored.certificate = JSON.parse(row.certificate);
          if (row.log_index !== null) stored.log_index = Number(row.log_index);
          return stored;
        },
      });
    },
    async listRuns(options) {
      const limit = resolveListLimit({ limit: options.limit });
      const { body, values } = listRunsQuery({ filters: options, placeholder: (n) => `$${n}` });
      const { rows } = await pool.query<PgRunRow>(`SELECT r.* ${body} LIMIT $${values.length + 1}`, [
        ...values,
        limit,
      ]);
      return rows.map((row) => runSummaryOfRow({ row, event_count: row.event_count }));
    },
    async putCertificate({ run_id, envelope, log_index }) {
      const json = canonicalJson(envelope);
      await inTransaction({
        on: pool,
        use: async (client) => {
          const row = await lockRun(client, run_id);
          if (row.certificate !== null && row.certificate !== json) {
            throw conflictError({ what: `the certificate of run ${run_id}`, details: { run_id } });
          }
          if (log_index !== undefined && row.log_index !== null && Number(row.log_index) !== log_index) {
            throw conflictError({ what: `the log index of run ${run_id}`, details: { run_id, log_index } });
          }
          await client.query(
            'UPDATE runs SET certificate = $2, log_index = COALESCE($3, log_index) WHERE run_id = $1',
            [run_id, json, log_index ?? null],
          );
        },
      });
    },
    async putSalts({ run_id, salts }) {
      await inTransaction({
        on: pool,
        use: async (client) => {
          await lockRun(client, run_id);
          const { rows } = await client.query<{ name: string; salt: string }>(
            'SELECT name, salt FROM salts WHERE run_id = $1',
            [run_id],
          );
          const existing = new Map(rows.map((row) => [row.name, row.salt]));
          const fresh = Object.entries(salts).filter(([name, salt]) => {
            const stored = existing.get(name);
            if (stored !== undefined && stored !== salt) {
              throw conflictError({ what: `salt ${name} of run ${run_id}`, details: { run_id, name } });
            }
            return stored === undefined;
          });
          if (fresh.length === 0) return;
          await client.query(
            'INSERT INTO salts (run_id, name, salt) SELECT $1, * FROM unnest($2::text[], $3::text[])',
            [run_id, fresh.map(([name]) => name), fresh.map(([, salt]) => salt)],
          );
        },
      });
    },
    async getSalts({ run_id }) {
      const { rows } = await pool.query<{ name: string; salt: string }>(
        'SELECT name, salt FROM salts WHERE run_id = $1 ORDER BY name',
        [run_id],
      );
      return Object.fromEntries(rows.map((row) => [row.name, row.salt]));
    },
    async eraseSalt({ run_id, name }) {
      const result = await pool.query('DELETE FROM salts WHERE run_id = $1 AND name = $2', [run_id, name]);
      return result.rowCount === 1;
    },
    leaves: createPostgresLeafStore({ pool }),
    async putCheckpoint({ tenant, size, note }) {
      const inserted = await pool.query(
        'INSERT INTO checkpoints (tenant, size, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [tenant, size, note],
      );
      if (inserted.rowCount === 1) return;
      const { rows } = await pool.query<{ note: string }>(
        'SELECT note FROM checkpoints WHERE tenant = $1 AND size = $2',
        [tenant, size],
      );
      if (rows[0]?.note === note) return;
      throw conflictError({
        what: `the checkpoint of size ${size} for tenant ${tenant}`,
        details: { tenant, size },
      });
    },
    async getCheckpoint({ tenant, size }) {
      const { rows } =
        size === undefined
          ? await pool.query<{ size: string; note: string }>(
              'SELECT size, note FROM checkpoints WHERE tenant = $1 ORDER BY size DESC LIMIT 1',
              [tenant],
            )
          : await pool.query<{ size: string; note: string }>(
              'SELECT size, note FROM checkpoints WHERE tenant = $1 AND size = $2',
              [tenant, size],
            );
      return rows[0] ? { size: Number(rows[0].size), note: rows[0].note } : undefined;
    },
    ...createPostgresApiKeys({ pool }),
    ...createPostgresPolicies({ pool }),
    ...createPostgresEvals({ pool }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return guardStoreErrors({ store, mapError: pgStoreError });
}

/** The URL with its password masked, for messages. */
export function redactUrl(options: { url: string }): string {
  try {
    const url = new URL(options.url);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
