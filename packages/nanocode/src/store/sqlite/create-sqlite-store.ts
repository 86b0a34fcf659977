import { canonicalJson } from '../../evidence/canonical-json.js';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import type { RunStore, StoredRun } from '../../spec/store.js';
import { guardStoreErrors } from '../guard-store-errors.js';
import { resolveListLimit } from '../list-limit.js';
import { constraintRows } from '../list-runs-query.js';
import { planAppend } from '../plan-append.js';
import { runSummaryOfRow } from '../run-row-summary.js';
import { headerFields } from '../run-summary-fields.js';
import { conflictError, unknownRunError } from '../store-errors.js';
import { openDatabase } from './open-database.js';
import { createSqliteApiKeys } from './sqlite-api-keys.js';
import { createSqliteEvals } from './sqlite-evals.js';
import { createSqliteLeafStore } from './sqlite-leaf-store.js';
import { createSqliteListRuns } from './sqlite-list-runs.js';
import { createSqlitePolicies } from './sqlite-policies.js';
import { prepareStatements, type RunRow } from './sqlite-statements.js';
import { sqliteStoreError } from './sqlite-store-error.js';

/** How long a writer waits for another process's write lock, unless told otherwise. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file; parent folders are created (mode 0700) and a new file gets mode 0600. */
  path: string;
  /** Defaults to {@link DEFAULT_BUSY_TIMEOUT_MS}. */
  busy_timeout_ms?: number;
}

/**
 * The embedded {@link RunStore} on SQLite (WAL). Several store instances, in one process or many, may
 * share a file: every write is one immediate transaction, and idempotent appends make retries safe.
 * Throws `NC_STORE_OPEN` when the file cannot be opened, is not a database, or has a newer schema; once
 * open, a call the file cannot serve (busy past the timeout, I/O error, disk full) throws `NC_STORE_IO`.
 */
export function createSqliteStore(options: SqliteStoreOptions): RunStore {
  const db = openDatabase({
    path: options.path,
    busy_timeout_ms: options.busy_timeout_ms ?? DEFAULT_BUSY_TIMEOUT_MS,
  });
  const sql = prepareStatements({ db });
  const listRuns = createSqliteListRuns({ db });

  const mustExist = (run_id: string): RunRow => {
    const row = sql.getRun.get(run_id);
    if (!row) throw unknownRunError({ run_id });
    return row;
  };

  const createRun = db.transaction((header: RunHeader, started_at: string) => {
    const json = canonicalJson(header);
    const existing = sql.getRun.get(header.run_id);
    if (existing) {
      if (existing.header !== json) throw conflictError({ what: `run ${header.run_id}`, details: {} });
      return;
    }
    const fields = headerFields(header);
    sql.insertRun.run({ run_id: header.run_id, ...fields, started_at, header: json });
  });

  const appendEvents = db.transaction((run_id: string, events: readonly RunEvent[]) => {
    const { started_at } = mustExist(run_id);
    const planned = planAppend({
      run_id,
      count: sql.countEvents.get(run_id)?.count ?? 0,
      bodyAt: (seq) => sql.eventBody.get(run_id, seq)?.body,
      events,
    });
    for (const { event, body } of planned) {
      sql.insertEvent.run({ run_id, seq: event.seq, type: event.type, step: event.step ?? null, body });
      if (event.type === 'run.completed') {
        const { outcome, constraints } = (event as RunEvent<'run.completed'>).data;
        sql.completeRun.run({ run_id, outcome, finished_at: event.ts });
        for (const row of constraintRows({ constraints })) {
          sql.insertConstraint.run({ run_id, started_at, ...row });
        }
      }
    }
  });

  const getRun = db.transaction((run_id: string): StoredRun | undefined => {
    const row = sql.getRun.get(run_id);
    if (!row) return undefined;
    const events = sql.events.all(run_id).map((e) => JSON.parse(e.body) as RunEvent);
    const stored: StoredRun = {
      summary: runSummaryOfRow({ row, event_count: events.length }),
      header: JSON.parse(row.header) as RunHeader,
      events,
    };
    if (row.certificate !== null) stored.certificate = JSON.parse(row.certificate);
    if (row.log_index !== null) stored.log_index = row.log_index;
    return stored;
  });

  const putCertificate = db.transaction(
    (run_id: string, envelope: unknown, log_index: number | undefined) => {
      const row = mustExist(run_id);
      const json = canonicalJson(envelope);
      if (row.certificate !== null && row.certificate !== json) {
        throw conflictError({ what: `the certificate of run ${run_id}`, details: { run_id } });
      }
      if (log_index !== undefined && row.log_index !== null && row.log_index !== log_index) {
        throw conflictError({ what: `the log index of run ${run_id}`, details: { run_id, log_index } });
      }
      sql.putCertificate.run({ run_id, certificate: json, log_index: log_index ?? row.log_index });
    },
  );

  const putSalts = db.transaction((run_id: string, salts: Record<string, string>) => {
    mustExist(run_id);
    for (const [name, salt] of Object.entries(salts)) {
      const existing = sql.getSalt.get(run_id, name)?.salt;
      if (existing === salt) continue;
      if (existing !== undefined) {
        throw conflictError({ what: `salt ${name} of run ${run_id}`, details: { run_id, name } });
      }
      sql.insertSalt.run(run_id, name, salt);
    }
  });

  const putCheckpoint = db.transaction((tenant: string, size: number, note: string) => {
    const existing = sql.checkpointAt.get(tenant, size)?.note;
    if (existing === note) return;
    if (existing !== undefined) {
      throw conflictError({
        what: `the checkpoint of size ${size} for tenant ${tenant}`,
        details: { tenant, size },
      });
    }
    sql.insertCheckpoint.run(tenant, size, note);
  });

  const store: RunStore = {
    spec: 'nanocode.store/v1',
    async createRun({ header, started_at }) {
      createRun.immediate(header, started_at);
    },
    async appendEvents({ run_id, events }) {
      appendEvents.immediate(run_id, events);
    },
    async getRun({ run_id }) {
      return getRun(run_id);
    },
    async listRuns(options) {
      const limit = resolveListLimit({ limit: options.limit });
      return listRuns({ filters: options, limit }).map((row) =>
        runSummaryOfRow({ row, event_count: row.event_count }),
      );
    },
    async putCertificate({ run_id, envelope, log_index }) {
      putCertificate.immediate(run_id, envelope, log_index);
    },
    async putSalts({ run_id, salts }) {
      putSalts.immediate(run_id, salts);
    },
    async getSalts({ run_id }) {
      return Object.fromEntries(sql.salts.all(run_id).map((row) => [row.name, row.salt]));
    },
    async eraseSalt({ run_id, name }) {
      return sql.eraseSalt.run(run_id, name).changes > 0;
    },
    leaves: createSqliteLeafStore({ db }),
    async putCheckpoint({ tenant, size, note }) {
      putCheckpoint.immediate(tenant, size, note);
    },
    async getCheckpoint({ tenant, size }) {
      const row = size === undefined ? sql.latestCheckpoint.get(tenant) : sql.checkpointAt.get(tenant, size);
      return row ? { size: row.size, note: row.note } : undefined;
    },
    ...createSqliteApiKeys({ db }),
    ...createSqlitePolicies({ db }),
    ...createSqliteEvals({ db }),
    async close() {
      if (db.open) db.close();
    },
  };
  return guardStoreErrors({ store, mapError: sqliteStoreError });
}
