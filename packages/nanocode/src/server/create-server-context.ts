import type { Logger } from 'pino';
import { executeRun } from '../compose/execute-run.js';
import { loadConfig } from '../config/index.js';
import type { RunStore } from '../spec/store.js';
import { apiError } from './api-error.js';
import { createConfigCache } from './config-cache.js';
import { findWorkflow } from './find-workflows.js';
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
}

/**
 * The server context of a project on disk: workflows load from the project's folders (an unknown name
 * is `NC_API_NOT_FOUND`), and runs are stored and certified in `store` with the keys of `keyDir`.
 */
export function createServerContext(options: CreateServerContextOptions): ServerContext {
  const { store, projectDir, keyDir, env, logger } = options;
  const loadCached = createConfigCache({
    load: ({ file, profile }) =>
      loadConfig({ workflowFile: file, env, ...(profile === undefined ? {} : { profile }) }),
  });
  return {
    store,
    projectDir,
    keyDir,
    env,
    logger,
    async loadWorkflow({ name, profile }) {
      const found = await findWorkflow({ projectDir, name });
      if (found === undefined) {
        throw apiError({ code: 'NC_API_NOT_FOUND', message: `no workflow named ${name}` });
      }
      return loadCached({ file: found.file, ...(profile === undefined ? {} : { profile }) });
    },
    async executeRun(run) {
      const executed = await executeRun({
        config: run.config,
        inputs: run.inputs,
        env,
        tenant: run.tenant,
        evidence: { store, keyDir },
        onKeyCreated: (key) =>
          logger.info({ purpose: key.purpose, keyid: key.keyid }, 'created key (first use)'),
        ...(run.signal === undefined ? {} : { signal: run.signal }),
        ...(run.onEvent === undefined ? {} : { onEvent: run.onEvent }),
        ...(run.onDelta === undefined ? {} : { onDelta: run.onDelta }),
        ...(run.run_id === undefined ? {} : { run_id: run.run_id }),
      });
      // The run happened but its evidence did not: the caller must not get an uncertified result.
      if (executed.certifyError !== undefined) throw executed.certifyError;
      const { certification } = executed;
      return {
        result: executed.result,
        certificate: certification
          ? { keyid: certification.keyid, log_index: certification.log_index }
          : null,
      };
    },
  };
}
