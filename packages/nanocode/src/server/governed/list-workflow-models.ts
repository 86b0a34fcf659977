import { stat } from 'node:fs/promises';
import { findWorkflows } from '../find-workflows.js';
import type { ServerContext } from '../server-context.js';

/** OpenAI's `ListModelsResponse`: each workflow the project serves is a model. */
export interface ModelList {
  object: 'list';
  data: Array<{ id: string; object: 'model'; created: number; owned_by: 'nanocode' }>;
}

/**
 * The workflows of the project as models: the names `loadWorkflow` accepts (`workflows/<name>.yaml`,
 * `examples/<name>/workflow.yaml`), sorted. `created` is the workflow file's modification time, in Unix
 * seconds. Any of them can be combined with `@profile`.
 */
export async function listWorkflowModels(options: {
  context: Pick<ServerContext, 'projectDir'>;
}): Promise<ModelList> {
  const workflows = await findWorkflows({ projectDir: options.context.projectDir });
  const data = await Promise.all(
    workflows.map(async ({ name, file }) => ({
      id: name,
      object: 'model' as const,
      created: Math.floor((await stat(file)).mtimeMs / 1000),
      owned_by: 'nanocode' as const,
    })),
  );
  return { object: 'list', data };
}
