import type { PolicyRef, RunEvent } from '../spec/events.js';
import type { RunOutcome } from '../spec/outcome.js';
import type { RunResult } from '../spec/run.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** Where runs execute: in this process (the default), or on DBOS workers sharing one PostgreSQL. */
export type ExecutorKind = 'in-process' | 'dbos';

/** The executors this build has. */
export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['in-process', 'dbos'];

/** A run to start. */
export interface SubmitRunOptions {
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  /** The run id (drawn when absent). An id the executor already knows is not started again. */
  run_id?: string;
  /** Records the run under this tenant instead of the profile's (the server scopes runs to the caller). */
  tenant?: string;
  /** The policy the profile was resolved under, recorded in `run.started`. */
  policy?: PolicyRef;
}

/** A run to start and wait for. */
export interface ExecuteRunOptions extends SubmitRunOptions {
  /** Aborting cancels the run; it still ends certified (stopped) when it had started. */
  signal?: AbortSignal;
  /** Each event of the run, in order, as it is recorded. */
  onEvent?: (event: RunEvent) => void;
}

/** A finished run and where its certificate went. */
export interface ExecutedRun {
  result: RunResult;
  certificate: { keyid: string; log_index: number } | null;
}

/** Where a run is, as the executor sees it. */
export type ExecutorRunStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

/** One row of {@link Executor.list}. */
export interface ExecutorRun {
  run_id: string;
  status: ExecutorRunStatus;
  workflow?: string;
  tenant?: string;
  /** The run's outcome once it finished. */
  outcome?: RunOutcome;
  /** The worker running it, or that ran it last. */
  worker?: string;
  app_version?: string;
  queue?: string;
  created_at: string;
  updated_at?: string;
}

/** What asking a run to stop did. */
export type CancelResult =
  | { run_id: string; status: 'cancelling' }
  | { run_id: string; status: 'finished'; outcome?: RunOutcome };

/**
 * The one executor interface (DESIGN.md §6): a plain object with a version tag. `in-process` runs in the
 * calling process; `dbos` enqueues durable workflows that `nanocode worker` processes run, resume after
 * a crash and keep within queue and provider limits.
 */
export interface Executor {
  readonly spec: 'nanocode.executor/v1';
  readonly kind: ExecutorKind;
  /** Starts a run without waiting for it. `deduplicated` when the run id was already known. */
  submit(options: SubmitRunOptions): Promise<{ run_id: string; deduplicated: boolean }>;
  /** Starts a run (or joins the one with that id) and waits until it is stored and certified. */
  execute(options: ExecuteRunOptions): Promise<ExecutedRun>;
  /** Asks a run to stop. Throws `NC_EXEC_NOT_FOUND` for a run the executor does not know. */
  cancel(options: { run_id: string; tenant?: string }): Promise<CancelResult>;
  /** Runs the executor knows, newest first: at most `limit` (default 50). */
  list(options: { status?: ExecutorRunStatus; tenant?: string; limit?: number }): Promise<ExecutorRun[]>;
  /** Releases connections; runs already submitted keep going (dbos) or are aborted (in-process). */
  close(): Promise<void>;
}
