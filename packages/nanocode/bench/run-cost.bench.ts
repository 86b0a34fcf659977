import { generateObject } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { resolveConfig } from '../src/config/index.js';
import { createCertificate, createEd25519Signer, generateEd25519KeyPair } from '../src/evidence/index.js';
import { runWorkflow } from '../src/runner/index.js';
import type { Adapter, ModelRequest } from '../src/spec/adapter.js';
import type { ResolvedConfig } from '../src/spec/workflow.js';
import { constantAdapter } from './constant-adapter.js';
import { type Measurement, measureAll } from './measure.js';

const ANSWER = {
  answer: 'Refunds are processed within 5 business days.',
  quotes: ['within 5 business days'],
};
const TEXT = JSON.stringify(ANSWER);

const constant = constantAdapter({ text: TEXT });

function benchConfig(): ResolvedConfig {
  return resolveConfig({
    workflow: {
      name: 'bench',
      version: 1,
      steps: {
        answer: {
          model: ['bench:constant'],
          prompt: { user: 'How long do refunds take?' },
          output: 'json',
          constraints: [
            { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer', 'quotes'] } },
            { id: 'short', kind: 'max_words', field: 'answer', value: 120 },
            { id: 'no-pii', kind: 'pii', types: ['email', 'phone', 'credit_card'] },
            { id: 'no-hype', kind: 'not_contains', values: ['guaranteed', 'revolutionary'] },
            { id: 'digits', kind: 'regex', pattern: '[0-9]+ business days' },
          ],
          recovery: [{ retry: { max: 2 } }, { stop: {} }],
        },
      },
    },
  });
}

/** The bench workflow and its constant adapter, for profiling outside the harness. */
export function benchSetup(): { config: ResolvedConfig; adapter: Adapter } {
  return { config: benchConfig(), adapter: constant };
}

/** The in-process cost of a 1-step run with 5 deterministic constraints, against two baselines. */
export async function benchRunCost(): Promise<{ rows: Measurement[]; baseline: Measurement }> {
  const config = benchConfig();
  const schema = z.object({ answer: z.string(), quotes: z.array(z.string()) });
  const mock = new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: 'text', text: TEXT }],
      finishReason: { unified: 'stop', raw: undefined },
      usage: {
        inputTokens: { total: 20, noCache: 20, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 20, text: 20, reasoning: undefined },
      },
      warnings: [],
    }),
  });
  const request: ModelRequest = {
    messages: [{ role: 'user', content: 'How long do refunds take?' }],
    response_format: { type: 'json' },
    context: { run_id: 'bench', step: 'answer', attempt: 1 },
  };
  const signal = new AbortController().signal;

  const pair = generateEd25519KeyPair();
  const signer = createEd25519Signer({ privateKeyPem: pair.private_key_pem });
  const run = () => runWorkflow({ config, inputs: {}, adapters: () => constant });
  const rows = await measureAll({
    contenders: [
      {
        name: 'nanocode run + signed certificate',
        fn: async () => createCertificate({ result: await run(), signer }),
      },
      { name: 'nanocode run (5 constraints, hash-chained events)', fn: run },
      {
        name: 'AI SDK generateObject (MockLanguageModelV3, zod)',
        fn: () => generateObject({ model: mock, schema, prompt: 'How long do refunds take?' }),
      },
      {
        name: 'bare loop (adapter call + JSON.parse)',
        fn: async () => JSON.parse((await constant.generate(request, { signal })).text),
      },
    ],
  });
  return { rows, baseline: rows[2] as Measurement };
}
