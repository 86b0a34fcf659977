import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './main.js';
import { memoryIo } from './memory-io.test-util.js';

/** The repository's examples folder (four levels above src/cli). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** The four example workflows, with their inputs file when they have one. */
export const EXAMPLES = [
  { name: 'support-answer', inputs: true },
  { name: 'idea-to-risks', inputs: true },
  { name: 'audience-switcher', inputs: true },
  { name: 'constraint-playground', inputs: false },
] as const;

/** The `run` arguments of an example, relative to the copied examples folder. */
export function exampleRunArgs(example: (typeof EXAMPLES)[number]): string[] {
  const workflow = `${example.name}/workflow.yaml`;
  return example.inputs ? [workflow, '--input-file', `${example.name}/inputs.json`] : [workflow];
}

/** A temporary copy of the examples folder, to run commands in. */
export async function copyExamples(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'nanocode-cli-')), 'examples');
  await cp(EXAMPLES_DIR, dir, { recursive: true });
  return dir;
}

/** What one in-process CLI call printed and returned. */
export interface CliCall {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process in `cwd`, with no colour and the given environment. */
export async function cliIn(options: {
  cwd: string;
  args: string[];
  env?: Record<string, string>;
}): Promise<CliCall> {
  const io = memoryIo({ cwd: options.cwd, env: { NO_COLOR: '1', ...options.env } });
  const code = await runCli({ argv: options.args, io });
  return { code, out: io.out(), err: io.err() };
}

/** Runs an example with `--json` and returns its run id and the whole document. */
export async function runExample(options: {
  cwd: string;
  example: (typeof EXAMPLES)[number];
  extra?: string[];
  env?: Record<string, string>;
}): Promise<{ call: CliCall; runId: string; document: Record<string, unknown> }> {
  const args = ['run', ...exampleRunArgs(options.example), '--json', ...(options.extra ?? [])];
  const call = await cliIn({ cwd: options.cwd, args, ...(options.env ? { env: options.env } : {}) });
  const document = JSON.parse(call.out) as Record<string, unknown>;
  return { call, runId: String(document.run_id), document };
}
