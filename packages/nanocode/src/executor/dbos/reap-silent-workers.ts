import type { DBOSClient } from '@dbos-inc/dbos-sdk';
import type { Pool } from 'pg';
import { withPoolClient } from '../../store/postgres/with-pool-client.js';
import { findSilentWorkers } from './worker-registry.js';

/** What one reaper pass moved: the runs (and permits) of one silent worker, put back on their queues. */
export interface Reaped {
  executor_id: string;
  resumed: string[];
}

/**
 * One reaper pass, run by any live worker: every unfinished (PENDING) workflow of a worker that stopped,
 * or that has been silent longer than its longest model call (and `minSilenceMs`), is resumed onto the
 * queue it came from, so a live worker dequeues it and replays it from its recorded steps. The open-source
 * engine does not move a dead executor's work by itself. A per-worker advisory lock keeps two reapers
 * from resuming the same runs; a resumed run is ENQUEUED, so a later pass does not see it again.
 */
export async function reapSilentWorkers(options: {
  pool: Pool;
  client: DBOSClient;
  me: string;
  minSilenceMs: number;
  graceMs: number;
  /** Where a workflow that names no queue goes (the run queue). */
  defaultQueue: string;
}): Promise<Reaped[]> {
  const { pool, client } = options;
  const reaped: Reaped[] = [];
  for (const silent of await findSilentWorkers(options)) {
    const done = await withPoolClient({
      pool,
      use: async (connection): Promise<Reaped | undefined> => {
        const lock = await connection.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext('nanocode.reap'), hashtext($1)) AS ok",
          [silent.executor_id],
        );
        if (lock.rows[0]?.ok !== true) return undefined;
        try {
          const pending = await client.listWorkflows({
            status: 'PENDING',
            executorId: silent.executor_id,
            loadInput: false,
            loadOutput: false,
          });
          if (pending.length === 0) return undefined;
          const byQueue = new Map<string, string[]>();
          for (const workflow of pending) {
            const queue = workflow.queueName ?? options.defaultQueue;
            byQueue.set(queue, [...(byQueue.get(queue) ?? []), workflow.workflowID]);
          }
          for (const [queueName, ids] of byQueue) await client.resumeWorkflows(ids, { queueName });
          await connection.query(
            'UPDATE nanocode_workers SET reaped_at = now(), reaped_by = $2 WHERE executor_id = $1',
            [silent.executor_id, options.me],
          );
          return { executor_id: silent.executor_id, resumed: pending.map((w) => w.workflowID) };
        } finally {
          await connection.query("SELECT pg_advisory_unlock(hashtext('nanocode.reap'), hashtext($1))", [
            silent.executor_id,
          ]);
        }
      },
    });
    if (done !== undefined) reaped.push(done);
  }
  return reaped;
}
