import type { RunEvent } from '../spec/events.js';
import type { RunSummary } from '../spec/store.js';

/** A run in progress in this process: its cancel switch and the events it has emitted so far. */
export interface LiveRun {
  run_id: string;
  tenant: string;
  workflow: { name: string; version: string };
  profile: string;
  started_at: string;
  controller: AbortController;
  /** The events so far, for late subscribers to replay. */
  events: RunEvent[];
  /** Calls `listener` for each new event, and with `undefined` once the run is stored; returns an unsubscribe. */
  subscribe(listener: (event: RunEvent | undefined) => void): () => void;
}

/**
 * The runs in progress in this process, so they can be cancelled, watched live and aborted on shutdown.
 * A run leaves the registry only once it is stored, so a reader always finds it in one place or the other.
 */
export interface RunRegistry {
  /** Registers a run; the returned handle feeds it events and finishes it. */
  start(options: Omit<LiveRun, 'events' | 'subscribe' | 'controller'> & { controller: AbortController }): {
    run: LiveRun;
    push(event: RunEvent): void;
    finish(): void;
  };
  /** The live run with this id, only when it belongs to `tenant`. */
  get(options: { run_id: string; tenant: string }): LiveRun | undefined;
  /** The tenant's live runs as listing rows (`outcome: running`). */
  list(options: { tenant: string }): RunSummary[];
  /** Aborts every live run (shutdown): each ends `stopped` with `NC_RUN_ABORTED`, and is still certified. */
  abortAll(options: { reason: string }): void;
  /** Resolves true once no run is live, or false after `timeoutMs`. */
  drain(options: { timeoutMs: number }): Promise<boolean>;
  readonly size: number;
}

/** Creates an empty {@link RunRegistry}. */
export function createRunRegistry(): RunRegistry {
  const runs = new Map<string, LiveRun>();
  const idle = new Set<() => void>();
  const settle = () => {
    if (runs.size > 0) return;
    for (const wake of idle) wake();
    idle.clear();
  };
  return {
    start(options) {
      const listeners = new Set<(event: RunEvent | undefined) => void>();
      const run: LiveRun = {
        ...options,
        events: [],
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
      runs.set(run.run_id, run);
      return {
        run,
        push(event) {
          run.events.push(event);
          for (const listener of listeners) listener(event);
        },
        finish() {
          runs.delete(run.run_id);
          for (const listener of listeners) listener(undefined);
          listeners.clear();
          settle();
        },
      };
    },
    get({ run_id, tenant }) {
      const run = runs.get(run_id);
      return run?.tenant === tenant ? run : undefined;
    },
    list({ tenant }) {
      return [...runs.values()]
        .filter((run) => run.tenant === tenant)
        .map((run) => ({
          run_id: run.run_id,
          tenant: run.tenant,
          workflow: run.workflow.name,
          workflow_version: run.workflow.version,
          profile: run.profile,
          outcome: 'running' as const,
          started_at: run.started_at,
          event_count: run.events.length,
        }));
    },
    abortAll({ reason }) {
      for (const run of runs.values()) run.controller.abort(new Error(reason));
    },
    drain({ timeoutMs }) {
      if (runs.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idle.delete(wake);
          resolve(false);
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idle.add(wake);
      });
    },
    get size() {
      return runs.size;
    },
  };
}
