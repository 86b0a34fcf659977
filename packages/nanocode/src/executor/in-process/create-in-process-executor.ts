import { randomUUID } from 'node:crypto';
import { executeRun, requireCertified } from '../../compose/execute-run.js';
import { NanocodeError } from '../../spec/errors.js';
import type { RunStore } from '../../spec/store.js';
import type { ExecutedRun, ExecuteRunOptions, Executor, ExecutorRun } from '../executor.js';

/** Options of {@link createInProcessExecutor}. */
export interface InProcessExecutorOptions {
  store: RunStore;
  /** The key directory that signs certificates and checkpoints. */
  keyDir: string;
  /** Where provider secrets (`${NAME}`) are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Told about each key generated on first use. */
  onKeyCreated?: (key: { purpose: string; keyid: string }) => void;
}

interface LiveRun {
  controller: AbortController;
  row: ExecutorRun;
  done: Promise<ExecutedRun>;
}

/**
 * The default executor: runs in this process through the same path as `nanocode run` (execute, store,
 * certify). A run lives as long as the process; `list` shows this process's runs in progress, then
 * the stored ones.
 */
export function createInProcessExecutor(options: InProcessExecutorOptions): Executor {
  const { store } = options;
  const live = new Map<string, LiveRun>();

  const start = (run: ExecuteRunOptions & { run_id: string }): LiveRun => {
    const controller = new AbortController();
    const onAbort = () => controller.abort(run.signal?.reason);
    if (run.signal?.aborted) controller.abort(run.signal.reason);
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const row: ExecutorRun = {
      run_id: run.run_id,
      status: 'running',
      workflow: run.config.workflow.name,
      tenant: run.tenant ?? run.config.profile.tenant,
      created_at: new Date().toISOString(),
    };
    const done = (async () => {
      try {
        // Registered before this check, so the run can be cancelled from the moment it is asked for.
        if ((await store.getRun({ run_id: run.run_id })) !== undefined) {
          throw new NanocodeError({
            code: 'NC_EXEC_CONFIG',
            message: `run ${run.run_id} already exists in the store; a run id names one run`,
          });
        }
        const executed = await executeRun({
          config: run.config,
          inputs: run.inputs,
          env: options.env,
          evidence: { store, keyDir: options.keyDir },
          run_id: run.run_id,
          signal: controller.signal,
          ...(run.tenant === undefined ? {} : { tenant: run.tenant }),
          ...(run.policy === undefined ? {} : { policy: run.policy }),
          ...(run.onEvent === undefined ? {} : { onEvent: run.onEvent }),
          ...(options.onKeyCreated === undefined ? {} : { onKeyCreated: options.onKeyCreated }),
        });
        return requireCertified(executed);
      } finally {
        run.signal?.removeEventListener('abort', onAbort);
        live.delete(run.run_id);
      }
    })();
    const entry = { controller, row, done };
    live.set(run.run_id, entry);
    return entry;
  };

  const known = async (run_id: string): Promise<boolean> =>
    live.has(run_id) || (await store.getRun({ run_id })) !== undefined;

  return {
    spec: 'nanocode.executor/v1',
    kind: 'in-process',
    async submit(run) {
      const run_id = run.run_id ?? randomUUID();
      // Looked at again after the store: two submissions of one id in the same moment start one run.
      if ((await known(run_id)) || live.has(run_id)) return { run_id, deduplicated: true };
      start({ ...run, run_id }).done.catch(() => {});
      return { run_id, deduplicated: false };
    },
    execute(run) {
      const run_id = run.run_id ?? randomUUID();
      return (live.get(run_id) ?? start({ ...run, run_id })).done;
    },
    async cancel({ run_id, tenant }) {
      const running = live.get(run_id);
      if (running !== undefined && (tenant === undefined || running.row.tenant === tenant)) {
        running.controller.abort(new Error('cancelled'));
        return { run_id, status: 'cancelling' };
      }
      const stored = await store.getRun({ run_id });
      if (stored === undefined || (tenant !== undefined && stored.summary.tenant !== tenant)) {
        throw new NanocodeError({ code: 'NC_EXEC_NOT_FOUND', message: `no run ${run_id}` });
      }
      const outcome = stored.summary.outcome;
      return { run_id, status: 'finished', ...(outcome === 'running' ? {} : { outcome }) };
    },
    async list({ status, tenant, limit = 50 }) {
      const running = [...live.values()]
        .map((run) => run.row)
        .filter(
          (row) => (tenant === undefined || row.tenant === tenant) && (status ?? 'running') === 'running',
        );
      const stored =
        status === undefined || status === 'finished'
          ? await store.listRuns({ status: 'finished', limit, ...(tenant === undefined ? {} : { tenant }) })
          : [];
      const finished = stored.map(
        (summary): ExecutorRun => ({
          run_id: summary.run_id,
          status: 'finished',
          workflow: summary.workflow,
          tenant: summary.tenant,
          ...(summary.outcome === 'running' ? {} : { outcome: summary.outcome }),
          created_at: summary.started_at,
          ...(summary.finished_at === undefined ? {} : { updated_at: summary.finished_at }),
        }),
      );
      return [...running, ...finished].slice(0, limit);
    },
    async close() {
      for (const run of live.values()) run.controller.abort(new Error('the executor closed'));
      await Promise.allSettled([...live.values()].map((run) => run.done));
    },
  };
}
