import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The workflow the governed bench calls, by name (the chat `model`). */
export const GOVERNED_BENCH_WORKFLOW = 'bench-answer';

// One model step on the openai adapter, text output, two cheap deterministic constraints.
const WORKFLOW = `name: ${GOVERNED_BENCH_WORKFLOW}
version: 1
inputs:
  question: { type: string }
  context: { type: string, default: "" }
steps:
  answer:
    model: [openai:bench-model]
    prompt: { system: "{{ inputs.context }}", user: "{{ inputs.question }}" }
    constraints:
      - { id: short, kind: max_words, value: 60 }
      - { id: on-topic, kind: contains, value: Refunds }
    recovery:
      - stop: {}
`;

/**
 * A throwaway project for the governed bench: `workflows/bench-answer.yaml` and a `default` profile
 * whose openai provider is the fake provider at `providerUrl`, keyed by `${OPENAI_API_KEY}`.
 */
export async function createGovernedBenchProject(options: { providerUrl: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nanocode-governed-bench-'));
  await mkdir(join(dir, 'workflows'));
  await mkdir(join(dir, 'profiles'));
  // Marks the project root, so profile search stops here.
  await writeFile(join(dir, 'package.json'), '{}\n');
  await writeFile(join(dir, 'workflows', `${GOVERNED_BENCH_WORKFLOW}.yaml`), WORKFLOW);
  const profile = `kind: profile
name: default
providers:
  openai: { base_url: "${options.providerUrl}/v1", api_key: "\${OPENAI_API_KEY}" }
`;
  await writeFile(join(dir, 'profiles', 'default.yaml'), profile);
  return dir;
}
