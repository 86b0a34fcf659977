import { randomUUID } from 'node:crypto';
import {
  DBOSClient,
  Error as DBOSErrors,
  type WorkflowStatus,
  type WorkflowStatusString,
} from '@dbos-inc/dbos-sdk';
import { configForTenant } from '../../config/config-for-tenant.js';
import { NanocodeError } from '../../spec/errors.js';
import type { RunEvent } from '../../spec/events.js';
import type { RunOutcome } from '../../spec/outcome.js';
import type { RunStore } from '../../spec/store.js';
import type { ExecutedRun, Executor, ExecutorRun, ExecutorRunStatus } from '../executor.js';
import { DBOS_APP_NAME, DEFAULT_APP_VERSION, RUN_QUEUE, RUN_WORKFLOW } from './dbos-names.js';
import type { RunWorkflowInput, RunWorkflowOutput } from './run-workflow-body.js';
import { redactUrl, type SystemDatabase } from './system-database-url.js';

/** Options of {@link createDbosExecutor}. */
export interface DbosExecutorOptions {
  systemDatabase: SystemDatabase;
  /** The store the workers write to: events and certificates are read from it. */
  store: RunStore;
  /** The application version runs are enqueued for (default: this release's); workers of it run them. */
  appVersion?: string;
  /** How often `execute` looks for new events and the end of the run (default 100 ms). */
  pollMs?: number;
  /** How long `execute` follows one run at most, queue time included (default 6 hours). */
  followMs?: number;
  /** How long to wait for a worker that is still creating the system database's tables (default 30 s). */
  readyTimeoutMs?: number;
}

const STATUS: Record<string, ExecutorRunStatus> = {
  ENQUEUED: 'queued',
  DELAYED: 'queued',
  PENDING: 'running',
  SUCCESS: 'finished',
  ERROR: 'failed',
  MAX_RECOVERY_ATTEMPTS_EXCEEDED: 'failed',
  CANCELLED: 'cancelled',
};
const DBOS_STATUS: Record<ExecutorRunStatus, WorkflowStatusString[]> = {
  queued: ['ENQUEUED', 'DELAYED'],
  running: ['PENDING'],
  finished: ['SUCCESS'],
  failed: ['ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED'],
  cancelled: ['CANCELLED'],
};

/** PostgreSQL's codes for a table, column or schema that does not exist (yet). */
const NOT_READY_CODES = new Set(['42P01', '42703', '3F000']);

/** True when `error` says the system database's schema is missing or half-migrated. */
export function isSchemaNotReady(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_READY_CODES.has(code)) return true;
    if (/(relation|column|schema) .* does not exist/.test(e.message)) return true;
  }
  return false;
}

/**
 * The `dbos` executor as API servers and the CLI use it: a DBOS client, no engine of its own. `submit`
 * enqueues the run on `nanocode-runs` with the run id as the workflow id (so the same id twice is one
 * run); `nanocode worker` processes run it. `execute` also follows the run's events in the store until
 * the run is certified. Throws `NC_EXEC_UNAVAILABLE` when the system database cannot be reached.
 */
export async function createDbosExecutor(options: DbosExecutorOptions): Promise<Executor> {
  const { store } = options;
  const appVersion = options.appVersion ?? DEFAULT_APP_VERSION;
  const pollMs = options.pollMs ?? 100;
  const followMs = options.followMs ?? 6 * 3_600_000;
  let client: DBOSClient;
  try {
    client = await DBOSClient.create({
      systemDatabaseUrl: options.systemDatabase.url,
      systemDatabaseSchemaName: options.systemDatabase.schema,
      applicationName: DBOS_APP_NAME,
      systemDatabasePoolSize: 4,
    });
    // Fail now, not on the first request, when the system database is not there. A worker starting at
    // the same moment may still be migrating it: wait for that, within a bound.
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      try {
        await client.listWorkflows({ limit: 1, loadInput: false, loadOutput: false });
        break;
      } catch (error) {
        if (!isSchemaNotReady(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } catch (error) {
    throw new NanocodeError({
      code: 'NC_EXEC_UNAVAILABLE',
      message: `cannot reach the DBOS system database ${redactUrl({ url: options.systemDatabase.url })}: ${(error as Error).message}`,
      hint: 'start a worker (`nanocode worker`) against the same database first, or check the URL',
      cause: error,
    });
  }

  const submit: Executor['submit'] = async (run) => {
    const run_id = run.run_id ?? randomUUID();
    const config =
      run.tenant === undefined ? run.config : configForTenant({ config: run.config, tenant: run.tenant });
    const input: RunWorkflowInput = {
      spec: 'nanocode.dbos-run/v1',
      config,
      inputs: run.inputs,
      ...(run.policy === undefined ? {} : { policy: run.policy }),
    };
    try {
      await client.enqueue(
        {
          workflowName: RUN_WORKFLOW,
          queueName: RUN_QUEUE,
          workflowID: run_id,
          appVersion,
          workflowIDReusePolicy: 'reject',
          attributes: { workflow: config.workflow.name, tenant: config.profile.tenant },
        },
        input,
      );
      return { run_id, deduplicated: false };
    } catch (error) {
      if (DBOSErrors.isWorkflowIDInUseError(error)) return { run_id, deduplicated: true };
      throw error;
    }
  };

  const status = async (run_id: string): Promise<WorkflowStatus | undefined> => client.getWorkflow(run_id);

  return {
    spec: 'nanocode.executor/v1',
    kind: 'dbos',
    submit,
    async execute(run) {
      const { run_id } = await submit(run);
      const onAbort = () => {
        client.cancelWorkflow(run_id).catch(() => {});
      };
      if (run.signal?.aborted) onAbort();
      run.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await follow({
          client,
          store,
          run_id,
          pollMs,
          followMs,
          ...(run.onEvent ? { onEvent: run.onEvent } : {}),
        });
      } finally {
        run.signal?.removeEventListener('abort', onAbort);
      }
    },
    async cancel({ run_id, tenant }) {
      const found = await status(run_id);
      if (found === undefined || (tenant !== undefined && attribute(found, 'tenant') !== tenant)) {
        throw new NanocodeError({ code: 'NC_EXEC_NOT_FOUND', message: `no run ${run_id}` });
      }
      const now = STATUS[found.status] ?? 'running';
      if (now === 'queued' || now === 'running') {
        await client.cancelWorkflow(run_id);
        return { run_id, status: 'cancelling' };
      }
      const outcome = (found.output as RunWorkflowOutput | undefined)?.outcome;
      return { run_id, status: 'finished', ...(outcome === undefined ? {} : { outcome }) };
    },
    async list({ status: wanted, tenant, limit = 50 }) {
      const rows = await client.listWorkflows({
        workflowName: RUN_WORKFLOW,
        ...(wanted === undefined ? {} : { status: DBOS_STATUS[wanted] }),
        ...(tenant === undefined ? {} : { attributes: { tenant } }),
        limit: Math.min(Math.max(1, limit), 1000),
        sortDesc: true,
        loadInput: false,
        loadOutput: true,
      });
      return rows.map(toRow);
    },
    async close() {
      await client.destroy();
    },
  };
}

/**
 * Follows a submitted run: passes each new stored event to `onEvent`, and once the engine reports the
 * run done, returns its result from the workflow's output and the stored events.
 */
async function follow(options: {
  client: DBOSClient;
  store: RunStore;
  run_id: string;
  pollMs: number;
  followMs: number;
  onEvent?: (event: RunEvent) => void;
}): Promise<ExecutedRun> {
  const { client, store, run_id } = options;
  let seen = 0;
  const pass = async () => {
    if (options.onEvent === undefined) return;
    const stored = await store.getRun({ run_id });
    for (const event of stored?.events.slice(seen) ?? []) options.onEvent(event);
    seen = Math.max(seen, stored?.events.length ?? 0);
  };
  const deadline = Date.now() + options.followMs;
  for (;;) {
    const found = await client.getWorkflow(run_id);
    await pass();
    const now = found === undefined ? 'queued' : (STATUS[found.status] ?? 'running');
    if (now === 'finished' || now === 'failed' || now === 'cancelled') break;
    if (Date.now() > deadline) {
      throw new NanocodeError({
        code: 'NC_EXEC_RUN_FAILED',
        message: `run ${run_id} is still ${now} after ${options.followMs} ms; it was not followed further`,
        details: { run_id, status: found?.status ?? null },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  const stored = await store.getRun({ run_id });
  const completed = stored?.events.at(-1) as RunEvent<'run.completed'> | undefined;
  if (stored === undefined || completed?.type !== 'run.completed' || stored.certificate === undefined) {
    const found = await client.getWorkflow(run_id);
    throw new NanocodeError({
      code: 'NC_EXEC_RUN_FAILED',
      message: `run ${run_id} ended ${found?.status ?? 'unknown'} without a certified result`,
      details: { run_id, status: found?.status ?? null },
    });
  }
  await pass();
  const output = (await client.getWorkflow(run_id))?.output as RunWorkflowOutput | undefined;
  const result = {
    run_id,
    outcome: completed.data.outcome,
    ...(output?.output === undefined ? {} : { output: output.output }),
    outputs: output?.outputs ?? {},
    header: stored.header,
    events: stored.events,
    ...(completed.data.error === undefined ? {} : { error: completed.data.error }),
    salts: {},
  };
  const keyid =
    (stored.certificate as { signatures?: Array<{ keyid?: string }> }).signatures?.[0]?.keyid ?? '';
  return {
    result,
    certificate: stored.log_index === undefined ? null : { keyid, log_index: stored.log_index },
  };
}

function attribute(status: WorkflowStatus, name: string): string | undefined {
  const value = status.attributes?.[name];
  return typeof value === 'string' ? value : undefined;
}

function toRow(status: WorkflowStatus): ExecutorRun {
  const output = status.output as RunWorkflowOutput | undefined;
  const outcome: RunOutcome | undefined = output?.outcome;
  const workflow = attribute(status, 'workflow');
  const tenant = attribute(status, 'tenant');
  return {
    run_id: status.workflowID,
    status: STATUS[status.status] ?? 'running',
    ...(workflow === undefined ? {} : { workflow }),
    ...(tenant === undefined ? {} : { tenant }),
    ...(outcome === undefined ? {} : { outcome }),
    ...(status.executorId === undefined ? {} : { worker: status.executorId }),
    ...(status.applicationVersion === undefined ? {} : { app_version: status.applicationVersion }),
    ...(status.queueName === undefined ? {} : { queue: status.queueName }),
    created_at: new Date(status.createdAt).toISOString(),
    ...(status.updatedAt === undefined ? {} : { updated_at: new Date(status.updatedAt).toISOString() }),
  };
}
