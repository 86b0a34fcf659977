import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { executeRun } from '../../compose/execute-run.js';
import { loadConfig } from '../../config/index.js';
import { NanocodeError } from '../../spec/errors.js';
import type { RunStore } from '../../spec/store.js';
import { createMemoryStore } from '../../store/index.js';
import type { ServerContext } from '../server-context.js';

/**
 * A ServerContext built from the real pieces (config loading, executeRun, a memory store, a fresh key
 * directory) for tests of the governed routes. Workflows are found as `loadWorkflow` documents:
 * `workflows/<name>.yaml` or `examples/<name>/workflow.yaml` under `projectDir`.
 */
export async function createGovernedTestContext(options: {
  projectDir: string;
  env?: Record<string, string | undefined>;
  store?: RunStore;
}): Promise<ServerContext> {
  const { projectDir } = options;
  const env = options.env ?? {};
  const store = options.store ?? createMemoryStore();
  const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-governed-keys-'));
  return {
    store,
    projectDir,
    keyDir,
    env,
    logger: pino({ level: 'silent' }),
    async loadWorkflow({ name, profile }) {
      const file = [
        join(projectDir, 'workflows', `${name}.yaml`),
        join(projectDir, 'examples', name, 'workflow.yaml'),
      ].find((candidate) => existsSync(candidate));
      if (file === undefined)
        throw new NanocodeError({ code: 'NC_API_NOT_FOUND', message: `no workflow ${name}` });
      return loadConfig({ workflowFile: file, env, ...(profile === undefined ? {} : { profile }) });
    },
    async executeRun(run) {
      const executed = await executeRun({ ...run, env, evidence: { store, keyDir } });
      if (executed.certifyError !== undefined) throw executed.certifyError;
      const certification = executed.certification;
      return {
        result: executed.result,
        certificate:
          certification === null ? null : { keyid: certification.keyid, log_index: certification.log_index },
      };
    },
  };
}
