import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A workflow the server can run: its name in the API and its file. */
export interface WorkflowFile {
  name: string;
  file: string;
}

/** What a workflow name may be: it becomes part of a file path, so nothing that could leave the folder. */
export const WORKFLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/**
 * The workflows of a project: `workflows/<name>.yaml|yml|json`, then `examples/<name>/workflow.yaml|yml|json`.
 * A name found in both is the `workflows/` one. Sorted by name.
 */
export async function findWorkflows(options: { projectDir: string }): Promise<WorkflowFile[]> {
  const found = new Map<string, string>();
  const workflowsDir = join(options.projectDir, 'workflows');
  for (const entry of await listDir(workflowsDir)) {
    const ext = EXTENSIONS.find((e) => entry.endsWith(e));
    const name = ext === undefined ? undefined : entry.slice(0, -ext.length);
    if (name !== undefined && WORKFLOW_NAME.test(name) && !found.has(name)) {
      found.set(name, join(workflowsDir, entry));
    }
  }
  const examplesDir = join(options.projectDir, 'examples');
  for (const entry of await listDir(examplesDir)) {
    if (!WORKFLOW_NAME.test(entry) || found.has(entry)) continue;
    for (const ext of EXTENSIONS) {
      const file = join(examplesDir, entry, `workflow${ext}`);
      if (await isFile(file)) {
        found.set(entry, file);
        break;
      }
    }
  }
  return [...found]
    .map(([name, file]) => ({ name, file }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The workflow called `name`, or undefined (also for a name that is not a valid workflow name). */
export async function findWorkflow(options: {
  projectDir: string;
  name: string;
}): Promise<WorkflowFile | undefined> {
  if (!WORKFLOW_NAME.test(options.name)) return undefined;
  const all = await findWorkflows({ projectDir: options.projectDir });
  return all.find((workflow) => workflow.name === options.name);
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
