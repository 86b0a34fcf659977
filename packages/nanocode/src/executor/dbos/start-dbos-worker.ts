import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DBOS, DBOSClient, type DLogger } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import { createAdapterResolver } from '../../compose/create-adapter-resolver.js';
import { createEvidenceSigning } from '../../compose/signing-log.js';
import type { AdapterResolver } from '../../spec/adapter.js';
import type { CustomConstraint } from '../../spec/constraint.js';
import { NanocodeError } from '../../spec/errors.js';
import type { StepFunction } from '../../spec/run.js';
import type { RunStore } from '../../spec/store.js';
import type { ResolvedConfig } from '../../spec/workflow.js';
import { DBOS_APP_NAME, DEFAULT_APP_VERSION, RUN_QUEUE, RUN_WORKFLOW } from './dbos-names.js';
import { prepareExecutorTables } from './executor-tables.js';
import type { ProviderRateLimit } from './rate-limits.js';
import { reapSilentWorkers } from './reap-silent-workers.js';
import { createRunWorkflowBody } from './run-workflow-body.js';
import { redactUrl, type SystemDatabase } from './system-database-url.js';
import { claimWorkerId, markWorkerStopped, startHeartbeat, type WorkerIdentity } from './worker-registry.js';

/** Options of {@link startDbosWorker}. Every default is listed in docs/deployment.md. */
export interface DbosWorkerOptions {
  systemDatabase: SystemDatabase;
  /** Where runs, events and certificates go (PostgreSQL when several machines share it). */
  store: RunStore;
  /** The key directory that signs certificates and checkpoints; every worker needs the same keys. */
  keyDir: string;
  /** Provider secrets (`${NAME}`) are read from here when an adapter is built. */
  env: Readonly<Record<string, string | undefined>>;
  /** The DBOS executor id: unique per worker process, stable across its restarts. */
  workerId: string;
  /** The DBOS application version (default: this release's). */
  appVersion?: string;
  /** Runs at once in this worker (default 10). DBOS keeps one value per queue: give every worker the same. */
  concurrency?: number;
  /** Runs at once across all workers (default: no limit). */
  globalConcurrency?: number;
  /** Per-provider quotas for model calls, across all workers. */
  rateLimits?: readonly ProviderRateLimit[];
  /** The shortest interval at which a queue is polled for work (default 100 ms; DBOS's own is 1 s). */
  pollingIntervalMs?: number;
  /** How often this worker writes its heartbeat, and the reaper looks for silent workers (default 1000 ms). */
  heartbeatMs?: number;
  /** The least silence after which a worker's runs are moved (default 3 heartbeats); longer when it may be in a longer model call. */
  reapAfterMs?: number;
  /** How long to wait for a previous process under the same worker id to fall silent (default: the silence above, twice). */
  claimWaitMs?: number;
  /** Builds a run's adapters (default: from its profile's providers, secrets from `env`). */
  adapters?: (config: ResolvedConfig) => AdapterResolver;
  functions?: Record<string, StepFunction>;
  custom?: CustomConstraint[];
  /** Where the worker's own lines go (resumptions, reaped workers, heartbeat trouble). */
  log?: (line: string) => void;
  /**
   * Told when another process took this worker id (this one was silent long enough to look dead): the
   * worker should stop, since two processes under one id would both recover its runs.
   */
  onWorkerIdLost?: () => void;
}

/** A running worker. */
export interface DbosWorker {
  readonly workerId: string;
  readonly appVersion: string;
  /** Runs executing in this process now. */
  active(): number;
  /**
   * Stops taking runs, waits up to `drainMs` for the ones running here, and leaves. Runs still running
   * then stay PENDING under this worker id: a restart under the same id, or the reaper, resumes them.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

/**
 * Starts a worker in this process: claims its worker id, launches DBOS (one per process), registers the
 * run and permit workflows and the queues, and starts the heartbeat and the reaper. DBOS recovers the
 * unfinished runs of this worker id at launch. Throws `NC_EXEC_WORKER_ID_IN_USE` when another live
 * worker holds the id and `NC_EXEC_UNAVAILABLE` when PostgreSQL cannot be reached.
 */
export async function startDbosWorker(options: DbosWorkerOptions): Promise<DbosWorker> {
  const { systemDatabase, workerId } = options;
  const appVersion = options.appVersion ?? DEFAULT_APP_VERSION;
  const heartbeatMs = positive({ name: 'heartbeat', value: options.heartbeatMs ?? 1000 });
  const minSilenceMs = positive({ name: 'reap-after', value: options.reapAfterMs ?? 3 * heartbeatMs });
  const concurrency = positive({ name: 'concurrency', value: options.concurrency ?? 10 });
  const pollingIntervalMs = positive({ name: 'polling interval', value: options.pollingIntervalMs ?? 100 });
  const log = options.log ?? (() => {});
  const connect = (max: number) => {
    const created = new pg.Pool({
      connectionString: systemDatabase.url,
      options: `-c search_path=${systemDatabase.schema}`,
      max,
    });
    // An idle client that loses its server must not crash the process; the next query reports the loss.
    created.on('error', () => {});
    return created;
  };
  // Runs' bookkeeping (executions, effect starts, rate-limit slots) on one pool; the heartbeat and the
  // reaper on their own, so a busy worker's queries never delay its heartbeat into looking dead.
  const pool = connect(8);
  const livenessPool = connect(2);
  const worker: WorkerIdentity = {
    executor_id: workerId,
    host: hostname(),
    pid: process.pid,
    nonce: randomBytes(8).toString('hex'),
    app_version: appVersion,
  };
  let client: DBOSClient | undefined;
  try {
    await prepareExecutorTables({
      pool,
      schema: systemDatabase.schema,
      migrateEngine: () => DBOS.migrate(systemDatabase.url, { schemaName: systemDatabase.schema }),
    }).catch((error: unknown) => {
      throw unavailable({ systemDatabase, error });
    });
    await claimWorkerId({
      pool: livenessPool,
      worker,
      staleMs: minSilenceMs,
      waitMs: options.claimWaitMs ?? 2 * minSilenceMs,
    });
    client = await DBOSClient.create({
      systemDatabaseUrl: systemDatabase.url,
      systemDatabaseSchemaName: systemDatabase.schema,
      applicationName: DBOS_APP_NAME,
      systemDatabasePoolSize: 4,
    });
  } catch (error) {
    await client?.destroy();
    await pool.end();
    await livenessPool.end();
    throw error;
  }

  const active = new Map<string, number>();
  const rateLimits = options.rateLimits ?? [];
  const body = createRunWorkflowBody({
    store: options.store,
    keyDir: options.keyDir,
    signing: createEvidenceSigning({ store: options.store, keyDir: options.keyDir }),
    pool,
    client,
    appVersion,
    adapters: options.adapters ?? ((config) => createAdapterResolver({ config, env: options.env })),
    ...(options.functions === undefined ? {} : { functions: options.functions }),
    ...(options.custom === undefined ? {} : { custom: options.custom }),
    rateLimits: new Map(rateLimits.map((limit) => [limit.provider, limit])),
    active,
    log,
  });
  DBOS.registerWorkflow(body, { name: RUN_WORKFLOW });
  DBOS.setConfig({
    name: DBOS_APP_NAME,
    systemDatabaseUrl: systemDatabase.url,
    systemDatabaseSchemaName: systemDatabase.schema,
    executorID: workerId,
    applicationVersion: appVersion,
    // Migrated above, one worker at a time.
    runMigrations: false,
    logger: dbosLogger({ log }),
  });
  try {
    await DBOS.launch();
    await DBOS.registerQueue(RUN_QUEUE, {
      workerConcurrency: concurrency,
      ...(options.globalConcurrency === undefined
        ? {}
        : { globalConcurrency: positive({ name: 'global concurrency', value: options.globalConcurrency }) }),
      minPollingIntervalMs: pollingIntervalMs,
      onConflict: 'always_update',
    });
  } catch (error) {
    await DBOS.shutdown().catch(() => {});
    await client.destroy();
    await markWorkerStopped({ pool: livenessPool, worker }).catch(() => {});
    await pool.end();
    await livenessPool.end();
    throw unavailable({ systemDatabase, error });
  }

  let closing = false;
  const heartbeat = startHeartbeat({
    pool: livenessPool,
    worker,
    intervalMs: heartbeatMs,
    longestAttemptMs: () => Math.max(0, ...active.values()),
    onLost: () => {
      log(`worker id ${workerId} was taken by another process: this worker must stop`);
      options.onWorkerIdLost?.();
    },
    onError: (error) => log(`heartbeat failed: ${(error as Error).message}`),
  });
  const dbosClient = client;
  let reaping: Promise<void> = Promise.resolve();
  const reaper = setInterval(() => {
    reaping = reaping.then(async () => {
      if (closing) return;
      try {
        const reaped = await reapSilentWorkers({
          pool: livenessPool,
          client: dbosClient,
          me: workerId,
          minSilenceMs,
          graceMs: 2 * heartbeatMs,
          defaultQueue: RUN_QUEUE,
        });
        for (const r of reaped)
          log(`resumed ${r.resumed.length} unfinished run(s) of silent worker ${r.executor_id}`);
      } catch (error) {
        log(`reaper failed: ${(error as Error).message}`);
      }
    });
  }, heartbeatMs);
  reaper.unref();

  return {
    workerId,
    appVersion,
    active: () => active.size,
    async close(closeOptions = {}) {
      if (closing) return;
      closing = true;
      clearInterval(reaper);
      await reaping;
      await DBOS.shutdown({ workflowCompletionTimeoutMS: closeOptions.drainMs ?? 0 });
      await heartbeat.stop();
      await markWorkerStopped({ pool: livenessPool, worker }).catch(() => {});
      await dbosClient.destroy();
      await pool.end();
      await livenessPool.end();
    },
  };
}

function positive(options: { name: string; value: number }): number {
  if (!Number.isFinite(options.value) || options.value <= 0) {
    throw new NanocodeError({
      code: 'NC_EXEC_CONFIG',
      message: `${options.name} must be a positive number, not ${options.value}`,
    });
  }
  return options.value;
}

function unavailable(options: { systemDatabase: SystemDatabase; error: unknown }): NanocodeError {
  if (options.error instanceof NanocodeError) return options.error;
  return new NanocodeError({
    code: 'NC_EXEC_UNAVAILABLE',
    message: `cannot start the DBOS executor on ${redactUrl({ url: options.systemDatabase.url })}: ${(options.error as Error).message}`,
    hint: 'check that PostgreSQL is running and that the URL, user and database are right',
    cause: options.error,
  });
}

/** DBOS's own log lines: warnings and errors reach the worker's log, the rest is dropped. */
function dbosLogger(options: { log: (line: string) => void }): DLogger {
  const text = (entry: unknown) => (entry instanceof Error ? entry.message : String(entry));
  return {
    info: () => {},
    debug: () => {},
    warn: (entry) => options.log(`dbos: ${text(entry)}`),
    error: (entry) => options.log(`dbos error: ${text(entry)}`),
  };
}
