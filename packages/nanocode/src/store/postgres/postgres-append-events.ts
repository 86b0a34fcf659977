import type { PoolClient } from 'pg';
import type { RunEvent } from '../../spec/events.js';
import { constraintRows } from '../list-runs-query.js';
import { planAppend } from '../plan-append.js';
import { unknownRunError } from '../store-errors.js';

/**
 * Appends a batch of sealed events inside the caller's transaction. `SELECT ... FOR UPDATE` on the run
 * row serialises writers of one run, so two processes cannot interleave seqs; the primary key on
 * `(run_id, seq)` is the last guard. Stored events the batch repeats are compared, not rewritten.
 */
export async function appendPostgresEvents(options: {
  client: PoolClient;
  run_id: string;
  events: readonly RunEvent[];
}): Promise<void> {
  const { client, run_id, events } = options;
  const locked = await client.query<{ event_count: number; started_at: string }>(
    'SELECT event_count, started_at FROM runs WHERE run_id = $1 FOR UPDATE',
    [run_id],
  );
  const run = locked.rows[0];
  if (run === undefined) throw unknownRunError({ run_id });
  const count = run.event_count;
  const repeated = events
    .map((e) => e.seq)
    .filter((seq) => Number.isSafeInteger(seq) && seq >= 0 && seq < count);
  const stored = new Map<number, string>();
  if (repeated.length > 0) {
    const { rows } = await client.query<{ seq: number; body: string }>(
      'SELECT seq, body FROM events WHERE run_id = $1 AND seq = ANY($2::int[])',
      [run_id, repeated],
    );
    for (const row of rows) stored.set(row.seq, row.body);
  }
  const planned = planAppend({ run_id, count, bodyAt: (seq) => stored.get(seq), events });
  if (planned.length === 0) return;
  await client.query(
    `INSERT INTO events (run_id, seq, type, step, body)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
    [
      run_id,
      planned.map((p) => p.event.seq),
      planned.map((p) => p.event.type),
      planned.map((p) => p.event.step ?? null),
      planned.map((p) => p.body),
    ],
  );
  const completed = planned.find((p) => p.event.type === 'run.completed')?.event as
    | RunEvent<'run.completed'>
    | undefined;
  await client.query(
    `UPDATE runs SET event_count = event_count + $2,
       outcome = COALESCE($3, outcome), finished_at = COALESCE($4, finished_at)
     WHERE run_id = $1`,
    [run_id, planned.length, completed?.data.outcome ?? null, completed?.ts ?? null],
  );
  const constraints = constraintRows({ constraints: completed?.data.constraints ?? [] });
  if (constraints.length > 0) {
    await client.query(
      `INSERT INTO run_constraints (run_id, started_at, step, id, status)
       SELECT $1, $5, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [
        run_id,
        constraints.map((c) => c.step),
        constraints.map((c) => c.id),
        constraints.map((c) => c.status),
        run.started_at,
      ],
    );
  }
}
