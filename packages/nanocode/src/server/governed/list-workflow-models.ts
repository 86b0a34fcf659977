import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerContext } from '../server-context.js';

/** OpenAI's `ListModelsResponse`: each workflow the project serves is a model. */
export interface ModelList {
  object: 'list';
  data: Array<{ id: string; object: 'model'; created: number; owned_by: 'nanocode' }>;
}

const WORKFLOW_FILE = /^(.+)\.(ya?ml|json)$/i;

/**
 * The workflows of the project, as models. Candidates are the files of `workflows/` (by file name) and
 * the folders of `examples/` (by folder name), where `loadWorkflow` looks; only those that load under
 * the default profile are listed, so every id listed can be used as a `model`. `created` is the
 * workflow file's modification time.
 */
export async function listWorkflowModels(options: {
  context: Pick<ServerContext, 'projectDir' | 'loadWorkflow'>;
}): Promise<ModelList> {
  const { context } = options;
  const names = [
    ...(await entries({ dir: join(context.projectDir, 'workflows') }))
      .filter((entry) => entry.isFile() && WORKFLOW_FILE.test(entry.name))
      .map((entry) => (WORKFLOW_FILE.exec(entry.name) as RegExpExecArray)[1] as string),
    ...(await entries({ dir: join(context.projectDir, 'examples') }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  ];
  const loaded = await Promise.all(
    [...new Set(names)].sort().map(async (name) => {
      try {
        const config = await context.loadWorkflow({ name });
        const file = config.sources[0];
        const created = file === undefined ? 0 : Math.floor((await stat(file)).mtimeMs / 1000);
        return { id: name, object: 'model' as const, created, owned_by: 'nanocode' as const };
      } catch {
        // Not a workflow (a folder of profiles, a file that does not load): not a usable model.
        return undefined;
      }
    }),
  );
  return { object: 'list', data: loaded.filter((model) => model !== undefined) };
}

async function entries(options: { dir: string }) {
  try {
    return await readdir(options.dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
