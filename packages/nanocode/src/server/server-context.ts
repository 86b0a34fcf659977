import type { Logger } from 'pino';
import type { PolicyRef, RunEvent } from '../spec/events.js';
import type { RunOutcome } from '../spec/outcome.js';
import type { RunOptions, RunResult } from '../spec/run.js';
import type { RunStore } from '../spec/store.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** What a run's certificate became: the key that signed it and its index in the tenant's log. */
export interface ServerCertificateRef {
  keyid: string;
  log_index: number;
}

/** Options of {@link ServerContext.executeRun}. */
export interface ServerExecuteRunOptions {
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  /** The tenant of the caller's principal: the run is recorded, logged and listed under it. */
  tenant: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  onDelta?: RunOptions['onDelta'];
  /** Overrides the run id (so a caller can announce it before the run starts). */
  run_id?: string;
  /** The policy `config`'s profile was resolved under (from {@link ServerContext.loadWorkflow}); recorded in the run. */
  policy?: PolicyRef;
}

/** A workflow resolved for a tenant, and the policy its profile came from. */
export interface LoadedWorkflow {
  config: ResolvedConfig;
  policy: PolicyRef;
}

/**
 * Everything the routes need, passed in explicitly (no globals): the store, the project the workflows
 * come from, the key directory that signs certificates, the environment for provider secrets, a logger,
 * and the two operations every run-creating route shares.
 */
export interface ServerContext {
  store: RunStore;
  projectDir: string;
  keyDir: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  /**
   * Loads `<name>` (a workflow file found under projectDir's `workflows/` or `examples/*\/`) with a profile,
   * resolved through the tenant's API-managed policy overlaid on the project's profile files.
   */
  loadWorkflow(options: { name: string; profile?: string; tenant: string }): Promise<LoadedWorkflow>;
  /**
   * Asks a run that executes outside this process (the `dbos` executor) to stop; undefined when no such
   * run is known. Absent when runs only execute in this process.
   */
  cancelRun?(options: {
    run_id: string;
    tenant: string;
  }): Promise<
    | { run_id: string; status: 'cancelling' }
    | { run_id: string; status: 'finished'; outcome?: RunOutcome }
    | undefined
  >;
  /** Runs, stores and certifies (compose/execute-run.ts), scoped to a tenant. */
  executeRun(
    options: ServerExecuteRunOptions,
  ): Promise<{ result: RunResult; certificate: ServerCertificateRef | null }>;
}
