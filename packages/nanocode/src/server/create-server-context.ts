import type { Logger } from 'pino';
import { executeRun, requireCertified } from '../compose/execute-run.js';
import { createEvidenceSigning } from '../compose/signing-log.js';
import { loadConfig } from '../config/index.js';
import type { Executor } from '../executor/executor.js';
import type { RunStore } from '../spec/store.js';
import { apiError } from './api-error.js';
import { createConfigCache } from './config-cache.js';
import { findWorkflow } from './find-workflows.js';
import { createTenantPolicies } from './policy/tenant-policies.js';
import type { ServerContext } from './server-context.js';

/** Options of {@link createServerContext}. */
export interface CreateServerContextOptions {
  store: RunStore;
  /** The folder whose `workflows/` and `examples/*\/` hold the workflows the API serves. */
  projectDir: string;
  /** The key directory that signs certificates and log checkpoints. */
  keyDir: string;
  /** Where provider secrets (`${NAME}`) are read from. */
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Runs go to this executor instead of running in this process (`nanocode serve --executor dbos`). */
  executor?: Executor;
}

/**
 * The server context of a project on disk: workflows load from the project's folders (an unknown name
 * is `NC_API_NOT_FOUND`) with profiles resolved through the caller's tenant policy, and runs are stored
 * and certified in `store` with the keys of `keyDir`.
 */
export function createServerContext(options: CreateServerContextOptions): ServerContext {
  const { store, projectDir, keyDir, env, logger } = options;
  const loadCached = createConfigCache({
    load: ({ file, profile, overlay }) =>
      loadConfig({
        workflowFile: file,
        env,
        ...(profile === undefined ? {} : { profile }),
        ...(overlay === undefined ? {} : { profiles: overlay.profiles }),
      }),
  });
  const policies = createTenantPolicies({ store });
  // One per process: keys parsed once, each tenant's log tree kept as a compact range (O(log n) appends).
  const signing = createEvidenceSigning({ store, keyDir });
  return {
    store,
    projectDir,
    keyDir,
    env,
    logger,
    async loadWorkflow({ name, profile, tenant }) {
      const found = await findWorkflow({ projectDir, name });
      if (found === undefined) {
        throw apiError({ code: 'NC_API_NOT_FOUND', message: `no workflow named ${name}` });
      }
      const { policy, overlay, ref } = await policies.current({ tenant });
      const config = await loadCached({
        file: found.file,
        ...(profile === undefined ? {} : { profile }),
        ...(policy.version === 0 ? {} : { overlay: { key: policy.digest, profiles: overlay } }),
      });
      return { config, policy: ref };
    },
    ...(options.executor === undefined ? {} : durableRuns({ executor: options.executor })),
    async executeRun(run) {
      if (options.executor !== undefined) {
        return options.executor.execute({
          config: run.config,
          inputs: run.inputs,
          tenant: run.tenant,
          ...(run.signal === undefined ? {} : { signal: run.signal }),
          ...(run.onEvent === undefined ? {} : { onEvent: run.onEvent }),
          ...(run.run_id === undefined ? {} : { run_id: run.run_id }),
          ...(run.policy === undefined ? {} : { policy: run.policy }),
        });
      }
      const executed = await executeRun({
        config: run.config,
        inputs: run.inputs,
        env,
        tenant: run.tenant,
        evidence: { store, keyDir, signing },
        onKeyCreated: (key) =>
          logger.info({ purpose: key.purpose, keyid: key.keyid }, 'created key (first use)'),
        ...(run.signal === undefined ? {} : { signal: run.signal }),
        ...(run.onEvent === undefined ? {} : { onEvent: run.onEvent }),
        ...(run.onDelta === undefined ? {} : { onDelta: run.onDelta }),
        ...(run.run_id === undefined ? {} : { run_id: run.run_id }),
        ...(run.policy === undefined ? {} : { policy: run.policy }),
      });
      return requireCertified(executed);
    },
  };
}

/** Cancelling a run another process executes: the executor knows it; an unknown one is undefined. */
function durableRuns(options: { executor: Executor }): Pick<ServerContext, 'cancelRun'> {
  return {
    async cancelRun({ run_id, tenant }) {
      try {
        return await options.executor.cancel({ run_id, tenant });
      } catch (error) {
        if ((error as { code?: string }).code === 'NC_EXEC_NOT_FOUND') return undefined;
        throw error;
      }
    },
  };
}
