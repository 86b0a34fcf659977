import { randomBytes } from 'node:crypto';
import { DBOS, type DBOSClient, Error as DBOSErrors } from '@dbos-inc/dbos-sdk';
import type { Pool } from 'pg';
import { certifyRun } from '../../compose/certify-run.js';
import type { EvidenceSigning } from '../../compose/signing-log.js';
import { runHeader } from '../../runner/run-header.js';
import { runWorkflow } from '../../runner/run-workflow.js';
import type { AdapterResolver } from '../../spec/adapter.js';
import type { CustomConstraint } from '../../spec/constraint.js';
import type { PolicyRef } from '../../spec/events.js';
import type { RunOutcome } from '../../spec/outcome.js';
import type { RunResult, StepFunction } from '../../spec/run.js';
import type { RunStore } from '../../spec/store.js';
import type { ResolvedConfig } from '../../spec/workflow.js';
import { createDurableEffects, type EngineFailure } from './durable-effects.js';
import { createEventAppender } from './event-appender.js';
import { beginExecution, recordEffectStart, unrecordedEffects } from './executor-tables.js';
import { longestAttemptMs } from './longest-attempt.js';
import { acquireRateSlot } from './provider-rate-limiter.js';
import type { ProviderRateLimit } from './rate-limits.js';
import type { ExecutionMark } from './step-record.js';

/** What a client enqueues: everything a worker needs to run the workflow, and no secret. */
export interface RunWorkflowInput {
  spec: 'nanocode.dbos-run/v1';
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  policy?: PolicyRef;
}

/** What the run workflow returns (and DBOS keeps): the outcome, the released output, the certificate. */
export interface RunWorkflowOutput {
  run_id: string;
  outcome: RunOutcome;
  output?: unknown;
  outputs: Record<string, unknown>;
  error?: { code: string; message: string };
  certificate: { keyid: string; log_index: number } | null;
}

/** What a worker gives the run workflow. */
export interface RunWorkflowDeps {
  store: RunStore;
  keyDir: string;
  /** The worker's keys and log trees (leaves other workers append are folded in). */
  signing: EvidenceSigning;
  /** The executor tables' pool (search_path on the system schema). */
  pool: Pool;
  client: DBOSClient;
  appVersion: string;
  /** Builds the run's adapters; secrets come from the worker's environment. */
  adapters: (config: ResolvedConfig) => AdapterResolver;
  functions?: Record<string, StepFunction>;
  custom?: CustomConstraint[];
  /** Per-provider quotas: a model call of such a provider waits for a slot. */
  rateLimits: ReadonlyMap<string, ProviderRateLimit>;
  /** Runs executing in this process, with their longest model call (the heartbeat reports the largest). */
  active: Map<string, number>;
  log: (line: string) => void;
}

/**
 * The body of the `nanocode.run` workflow: one execution of one run. It numbers the execution, records
 * the run's start (clock and seed) as the first step, runs the workflow on durable effects while the
 * events go to the store, then certifies as the last step. A resumed execution replays the recorded
 * steps and re-derives the stored events (written again as no-ops) before it does new work.
 */
export function createRunWorkflowBody(deps: RunWorkflowDeps) {
  return async function nanocodeRun(input: RunWorkflowInput): Promise<RunWorkflowOutput> {
    const run_id = DBOS.workflowID as string;
    const executor = DBOS.executorID;
    const { config } = input;
    const row = await beginExecution({ pool: deps.pool, run_id, executor });
    let execution: ExecutionMark = { n: row.n, executor };
    if (row.n > 1) {
      const steps = (await deps.client.listWorkflowSteps(run_id)) ?? [];
      const reexecuted = await unrecordedEffects({
        pool: deps.pool,
        run_id,
        recorded: new Set(steps.map((s) => s.name)),
      });
      execution = { ...execution, previous_executor: row.previous_executor ?? '', reexecuted };
      deps.log(`resuming run ${run_id} (execution ${row.n}, was ${row.previous_executor ?? 'unknown'})`);
    }
    const start = await DBOS.runStep(
      async () => ({ at: Date.now(), seed: randomBytes(32).toString('hex'), exec: execution }),
      { name: 'run/start' },
    );
    deps.active.set(run_id, longestAttemptMs({ config }));
    try {
      return await execute({ deps, input, run_id, execution, start });
    } finally {
      deps.active.delete(run_id);
    }
  };
}

async function execute(options: {
  deps: RunWorkflowDeps;
  input: RunWorkflowInput;
  run_id: string;
  execution: ExecutionMark;
  start: { at: number; seed: string; exec: ExecutionMark };
}): Promise<RunWorkflowOutput> {
  const { deps, input, run_id, execution } = options;
  const { config } = input;
  const appender = createEventAppender({ store: deps.store, header: runHeader({ config, run_id }) });
  const cancel = new AbortController();
  let failure: { kind: EngineFailure; error: unknown } | undefined;
  let settled: Promise<void> = Promise.resolve();
  const effects = createDurableEffects({
    execution,
    start: options.start,
    runStep: (name, body) =>
      DBOS.runStep(body, {
        name,
        retriesAllowed: true,
        maxAttempts: 3,
        intervalSeconds: 0.2,
        backoffRate: 2,
      }),
    inStep: () => DBOS.isInStep(),
    stepCancelSignal: () => DBOS.stepStatus?.cancelSignal,
    engineFailure,
    onEngineFailure: (kind, error) => {
      // Nothing derived from here on is written until it is known whether the run was cancelled (its
      // stopped ending is the run's) or taken over or failed (then it is not: another execution owns it).
      appender.hold();
      cancel.abort(new Error(`the engine stopped the run (${kind})`));
      settled = (async () => {
        // A cancel takes the workflow from its owner too: the engine may report it as a lost ownership.
        const status =
          kind === 'superseded' ? await deps.client.getWorkflow(run_id).catch(() => undefined) : undefined;
        const final: EngineFailure = status?.status === 'CANCELLED' ? 'cancelled' : kind;
        failure = { kind: final, error };
        deps.log(`run ${run_id}: ${final} (${error instanceof Error ? error.message : String(error)})`);
        if (final === 'cancelled') appender.release();
        else appender.halt();
      })();
    },
    beforeFresh: (key) =>
      recordEffectStart({
        pool: deps.pool,
        run_id,
        key,
        execution: execution.n,
        executor: execution.executor,
      }),
    ...(deps.rateLimits.size === 0
      ? {}
      : {
          permit: async ({ provider, signal }) => {
            const limit = deps.rateLimits.get(provider);
            if (limit !== undefined) await acquireRateSlot({ pool: deps.pool, limit, signal });
          },
        }),
  });
  const result = await runWorkflow({
    config,
    inputs: input.inputs,
    adapters: deps.adapters(config),
    effects,
    run_id,
    signal: cancel.signal,
    onEvent: (event) => appender.push(event),
    ...(input.policy === undefined ? {} : { policy: input.policy }),
    ...(deps.functions === undefined ? {} : { functions: deps.functions }),
    ...(deps.custom === undefined ? {} : { custom: deps.custom }),
  });
  await settled;
  await appender.flush();
  if (failure !== undefined && failure.kind !== 'cancelled') throw failure.error;
  const certify = () =>
    certifyOnce({ store: deps.store, keyDir: deps.keyDir, signing: deps.signing, result });
  // A cancelled run may take no more steps; it is certified directly, as it ended (stopped).
  const certificate =
    failure?.kind === 'cancelled'
      ? await certify()
      : await DBOS.runStep(certify, {
          name: 'run/certify',
          retriesAllowed: true,
          maxAttempts: 5,
          intervalSeconds: 1,
          backoffRate: 2,
        });
  return {
    run_id,
    outcome: result.outcome,
    ...(result.output === undefined ? {} : { output: result.output }),
    outputs: result.outputs,
    ...(result.error === undefined ? {} : { error: result.error }),
    certificate,
  };
}

/**
 * Certifies the run unless its certificate is already stored (a certify step that ran but whose
 * checkpoint was lost): certifying again would add a second log leaf and conflict on the log index.
 */
async function certifyOnce(options: {
  store: RunStore;
  keyDir: string;
  signing: EvidenceSigning;
  result: RunResult;
}): Promise<{ keyid: string; log_index: number }> {
  const stored = await options.store.getRun({ run_id: options.result.run_id });
  const envelope = stored?.certificate as { signatures?: Array<{ keyid?: string }> } | undefined;
  if (envelope !== undefined && stored?.log_index !== undefined) {
    return { keyid: envelope.signatures?.[0]?.keyid ?? '', log_index: stored.log_index };
  }
  // The appender has stored the header and every event (idempotently): certifying only signs, logs and
  // stores the certificate, so the store's run and event writes are skipped here.
  const signOnly: RunStore = { ...options.store, createRun: async () => {}, appendEvents: async () => {} };
  const certification = await certifyRun({ ...options, store: signOnly });
  return { keyid: certification.keyid, log_index: certification.log_index };
}

function engineFailure(error: unknown): EngineFailure {
  if (error instanceof DBOSErrors.DBOSWorkflowCancelledError) return 'cancelled';
  if (error instanceof DBOSErrors.DBOSWorkflowConflictError) return 'superseded';
  return 'failed';
}
