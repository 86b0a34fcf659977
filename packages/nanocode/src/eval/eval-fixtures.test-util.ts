import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { resolveConfig } from '../config/index.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** A trivial scripted workflow: one step, always the same greeting; names over 20 chars are refused. */
export const GREET_WORKFLOW = `name: greet
version: 1
inputs:
  name: { type: string, minLength: 1, maxLength: 20 }
steps:
  greet:
    model: [scripted:demo]
    prompt: { user: 'Greet {{ inputs.name }}.' }
    output: json
    constraints:
      - { id: shape, kind: json_schema, schema: { type: object, required: [greeting] } }
      - { id: short, kind: max_words, field: greeting, value: 20, severity: soft }
    recovery:
      - retry: { max: 1, feedback: true }
      - stop: {}
budget: { attempts: 3, tokens: 4000, cost_usd: 0.01, time_ms: 10000 }
scripted:
  demo:
    greet:
      - text: 'not json'
        usage: { input_tokens: 10, output_tokens: 3 }
      - text: '{"greeting": "Hello!"}'
        usage: { input_tokens: 20, output_tokens: 5 }
`;

/** A fresh temporary directory. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nanocode-eval-'));
}

/** Writes `text` to `name` inside `dir` and returns its path. */
export async function writeIn(options: { dir: string; name: string; text: string }): Promise<string> {
  const path = join(options.dir, options.name);
  await writeFile(path, options.text);
  return path;
}

/** The resolved greet workflow, for in-process tests. */
export function greetConfig(): ResolvedConfig {
  return resolveConfig({ workflow: parse(GREET_WORKFLOW) as Record<string, unknown> });
}
