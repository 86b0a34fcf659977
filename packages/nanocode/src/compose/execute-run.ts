import { configForTenant } from '../config/config-for-tenant.js';
import type { PolicyRef, RunEvent } from '../spec/events.js';
import type { RunOptions, RunResult, StepFunction } from '../spec/run.js';
import type { RunStore } from '../spec/store.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { type CreatedKey, certifyRun, ensureSigningKeys, type RunCertification } from './certify-run.js';
import { createAdapterResolver } from './create-adapter-resolver.js';
import type { EvidenceSigning } from './signing-log.js';

/** Options of {@link executeRun}. */
export interface ExecuteRunOptions {
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  /** Where provider secrets (`${NAME}`) are read from when an adapter is built. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Store the run and certify it with the keys of `keyDir`; absent → the run is neither kept nor signed.
   * `signing` keeps keys and log trees across runs (a server passes one).
   */
  evidence?: { store: RunStore; keyDir: string; signing?: EvidenceSigning };
  /** Records the run under this tenant instead of the profile's (the server scopes runs to the caller). */
  tenant?: string;
  functions?: Record<string, StepFunction>;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  onDelta?: RunOptions['onDelta'];
  /** Told about each key generated on first use, before the run starts. */
  onKeyCreated?: (key: CreatedKey) => void;
  run_id?: string;
  /** The policy the profile was resolved under, recorded in `run.started` (`files` when absent). */
  policy?: PolicyRef;
}

/** What {@link executeRun} produced. */
export interface ExecutedRun {
  result: RunResult;
  /** The certificate's key and log index; null when no evidence was asked for or certifying failed. */
  certification: RunCertification | null;
  /** Why the run could not be stored or certified: the run happened, but its evidence is missing. */
  certifyError?: unknown;
}

/**
 * The run and its certificate reference, for callers that must not hand out an uncertified result:
 * throws the `certifyError` when the run happened but its evidence did not.
 */
export function requireCertified(executed: ExecutedRun): {
  result: RunResult;
  certificate: { keyid: string; log_index: number } | null;
} {
  if (executed.certifyError !== undefined) throw executed.certifyError;
  const { certification } = executed;
  return {
    result: executed.result,
    certificate: certification ? { keyid: certification.keyid, log_index: certification.log_index } : null,
  };
}

/**
 * Runs a workflow, then stores and certifies it: the one path the CLI (`nanocode run`) and the server
 * share. Signing keys are made before the run (a key is valid from its creation). Run failures are data
 * in the result; a failure to store or certify is returned as `certifyError`, never thrown, so the
 * caller can still show the output it has.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<ExecutedRun> {
  const config =
    options.tenant === undefined
      ? options.config
      : configForTenant({ config: options.config, tenant: options.tenant });
  if (options.evidence !== undefined) {
    for (const key of await ensureSigningKeys({ keyDir: options.evidence.keyDir }))
      options.onKeyCreated?.(key);
  }
  const { runWorkflow } = await import('../runner/index.js');
  const result = await runWorkflow({
    config,
    inputs: options.inputs,
    adapters: createAdapterResolver({ config, env: options.env }),
    ...(options.functions === undefined ? {} : { functions: options.functions }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    ...(options.onDelta === undefined ? {} : { onDelta: options.onDelta }),
    ...(options.run_id === undefined ? {} : { run_id: options.run_id }),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  if (options.evidence === undefined) return { result, certification: null };
  try {
    const certification = await certifyRun({ ...options.evidence, result });
    for (const key of certification.createdKeys) options.onKeyCreated?.(key);
    return { result, certification };
  } catch (certifyError) {
    return { result, certification: null, certifyError };
  }
}
