import type { Pool } from 'pg';
import { NanocodeError } from '../../spec/errors.js';

/** Who a worker process is, as its row in `nanocode_workers` says. */
export interface WorkerIdentity {
  executor_id: string;
  host: string;
  pid: number;
  /** Random per process start: tells this process from an earlier or later one under the same id. */
  nonce: string;
  app_version: string;
}

/**
 * Takes `executor_id` for this process: a row that is free (new, stopped, or silent for `staleMs`) is
 * claimed; one another live process holds is waited on, at most `waitMs`, then refused with
 * `NC_EXEC_WORKER_ID_IN_USE`. This runs before the engine starts, because the engine recovers every
 * unfinished run of its executor id at launch: two live processes under one id would both run them.
 */
export async function claimWorkerId(options: {
  pool: Pool;
  worker: WorkerIdentity;
  staleMs: number;
  waitMs: number;
  pollMs?: number;
}): Promise<void> {
  const { pool, worker, staleMs } = options;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const { rowCount } = await pool.query(
      `INSERT INTO nanocode_workers
         (executor_id, host, pid, nonce, app_version, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT (executor_id) DO UPDATE SET
         host = EXCLUDED.host, pid = EXCLUDED.pid, nonce = EXCLUDED.nonce,
         app_version = EXCLUDED.app_version, started_at = now(), heartbeat_at = now(),
         longest_attempt_ms = 0, stopped_at = NULL, reaped_at = NULL, reaped_by = NULL
       WHERE nanocode_workers.stopped_at IS NOT NULL
          OR nanocode_workers.heartbeat_at < now() - $6 * interval '1 millisecond'`,
      [worker.executor_id, worker.host, worker.pid, worker.nonce, worker.app_version, staleMs],
    );
    if (rowCount === 1) return;
    if (Date.now() >= deadline) {
      throw new NanocodeError({
        code: 'NC_EXEC_WORKER_ID_IN_USE',
        message: `worker id ${worker.executor_id} is held by another live worker`,
        hint: 'give each worker process its own --worker-id (or --slot)',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** Marks this process's row stopped (a clean exit): the reaper may then resume what it left unfinished. */
export async function markWorkerStopped(options: { pool: Pool; worker: WorkerIdentity }): Promise<void> {
  await options.pool.query(
    'UPDATE nanocode_workers SET stopped_at = now() WHERE executor_id = $1 AND nonce = $2',
    [options.worker.executor_id, options.worker.nonce],
  );
}

/** A running heartbeat. */
export interface Heartbeat {
  stop(): Promise<void>;
}

/**
 * Writes this worker's heartbeat every `intervalMs` (database time, so clocks need not agree), with the
 * longest model call it may be in (the reaper waits longer than that). When the row names another
 * process, this one has lost its id (it was silent long enough for a new process to take it):
 * `onLost` is told, once.
 */
export function startHeartbeat(options: {
  pool: Pool;
  worker: WorkerIdentity;
  intervalMs: number;
  longestAttemptMs: () => number;
  onLost: () => void;
  onError: (error: unknown) => void;
}): Heartbeat {
  let stopped = false;
  let lost = false;
  let beating: Promise<void> = Promise.resolve();
  const beat = async (): Promise<void> => {
    try {
      const { rowCount } = await options.pool.query(
        `UPDATE nanocode_workers SET heartbeat_at = now(), longest_attempt_ms = $3,
           reaped_at = NULL, reaped_by = NULL
         WHERE executor_id = $1 AND nonce = $2`,
        [options.worker.executor_id, options.worker.nonce, Math.round(options.longestAttemptMs())],
      );
      if (rowCount === 0 && !lost && !stopped) {
        lost = true;
        options.onLost();
      }
    } catch (error) {
      if (!stopped) options.onError(error);
    }
  };
  const timer = setInterval(() => {
    beating = beating.then(beat);
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await beating;
    },
  };
}

/** A worker the reaper found silent (or stopped) with runs to move. */
export interface SilentWorker {
  executor_id: string;
}

/**
 * Workers other than `me` that stopped, or have been silent longer than both `minSilenceMs` and the
 * longest model call they reported plus `graceMs`.
 */
export async function findSilentWorkers(options: {
  pool: Pool;
  me: string;
  minSilenceMs: number;
  graceMs: number;
}): Promise<SilentWorker[]> {
  const { rows } = await options.pool.query<SilentWorker>(
    `SELECT executor_id FROM nanocode_workers
     WHERE executor_id <> $1
       AND (stopped_at IS NOT NULL
            OR heartbeat_at < now() - GREATEST($2, longest_attempt_ms + $3) * interval '1 millisecond')
     ORDER BY executor_id`,
    [options.me, options.minSilenceMs, options.graceMs],
  );
  return rows;
}
