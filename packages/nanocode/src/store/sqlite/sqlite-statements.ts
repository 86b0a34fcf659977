import type { Database, Statement } from 'better-sqlite3';
import type { RunSummaryColumns } from '../run-row-summary.js';

/** A `runs` row as stored. */
export interface RunRow extends RunSummaryColumns {
  header: string;
  certificate: string | null;
  log_index: number | null;
}

/** A checkpoint row. */
interface CheckpointRow {
  size: number;
  note: string;
}

/** The prepared statements of one connection. */
export interface SqliteStatements {
  getRun: Statement<[string], RunRow>;
  insertRun: Statement<
    [
      Omit<RunRow, 'version' | 'outcome' | 'finished_at' | 'certificate' | 'log_index'> & {
        workflow_version: string;
      },
    ]
  >;
  completeRun: Statement<[{ run_id: string; outcome: string; finished_at: string }]>;
  insertConstraint: Statement<
    [{ run_id: string; started_at: string; step: string; id: string; status: string }]
  >;
  countEvents: Statement<[string], { count: number }>;
  eventBody: Statement<[string, number], { body: string }>;
  events: Statement<[string], { body: string }>;
  insertEvent: Statement<[{ run_id: string; seq: number; type: string; step: string | null; body: string }]>;
  putCertificate: Statement<[{ run_id: string; certificate: string; log_index: number | null }]>;
  getSalt: Statement<[string, string], { salt: string }>;
  salts: Statement<[string], { name: string; salt: string }>;
  insertSalt: Statement<[string, string, string]>;
  eraseSalt: Statement<[string, string]>;
  checkpointAt: Statement<[string, number], CheckpointRow>;
  latestCheckpoint: Statement<[string], CheckpointRow>;
  insertCheckpoint: Statement<[string, number, string]>;
}

/** Prepares every statement the SQLite store runs, once per connection. */
export function prepareStatements(options: { db: Database }): SqliteStatements {
  const { db } = options;
  return {
    getRun: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?'),
    insertRun: db.prepare<
      [
        {
          run_id: string;
          tenant: string;
          workflow: string;
          workflow_version: string;
          profile: string;
          started_at: string;
          header: string;
        },
      ]
    >(
      `INSERT INTO runs (run_id, tenant, workflow, version, profile, outcome, started_at, header)
       VALUES (@run_id, @tenant, @workflow, @workflow_version, @profile, 'running', @started_at, @header)`,
    ),
    completeRun: db.prepare<[{ run_id: string; outcome: string; finished_at: string }]>(
      'UPDATE runs SET outcome = @outcome, finished_at = @finished_at WHERE run_id = @run_id',
    ),
    insertConstraint: db.prepare<
      [{ run_id: string; started_at: string; step: string; id: string; status: string }]
    >(
      `INSERT INTO run_constraints (run_id, started_at, step, id, status)
       VALUES (@run_id, @started_at, @step, @id, @status)`,
    ),
    countEvents: db.prepare<[string], { count: number }>(
      'SELECT COUNT(*) AS count FROM events WHERE run_id = ?',
    ),
    eventBody: db.prepare<[string, number], { body: string }>(
      'SELECT body FROM events WHERE run_id = ? AND seq = ?',
    ),
    events: db.prepare<[string], { body: string }>('SELECT body FROM events WHERE run_id = ? ORDER BY seq'),
    insertEvent: db.prepare<
      [{ run_id: string; seq: number; type: string; step: string | null; body: string }]
    >('INSERT INTO events (run_id, seq, type, step, body) VALUES (@run_id, @seq, @type, @step, @body)'),
    putCertificate: db.prepare<[{ run_id: string; certificate: string; log_index: number | null }]>(
      'UPDATE runs SET certificate = @certificate, log_index = @log_index WHERE run_id = @run_id',
    ),
    getSalt: db.prepare<[string, string], { salt: string }>(
      'SELECT salt FROM salts WHERE run_id = ? AND name = ?',
    ),
    salts: db.prepare<[string], { name: string; salt: string }>(
      'SELECT name, salt FROM salts WHERE run_id = ? ORDER BY name',
    ),
    insertSalt: db.prepare<[string, string, string]>(
      'INSERT INTO salts (run_id, name, salt) VALUES (?, ?, ?)',
    ),
    eraseSalt: db.prepare<[string, string]>('DELETE FROM salts WHERE run_id = ? AND name = ?'),
    checkpointAt: db.prepare<[string, number], { size: number; note: string }>(
      'SELECT size, note FROM checkpoints WHERE tenant = ? AND size = ?',
    ),
    latestCheckpoint: db.prepare<[string], { size: number; note: string }>(
      'SELECT size, note FROM checkpoints WHERE tenant = ? ORDER BY size DESC LIMIT 1',
    ),
    insertCheckpoint: db.prepare<[string, number, string]>(
      'INSERT INTO checkpoints (tenant, size, note) VALUES (?, ?, ?)',
    ),
  };
}
