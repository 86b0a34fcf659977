import { createOpenAIAdapter } from '../src/adapters/openai/create-openai-adapter.js';
import { openAIRequestBody } from '../src/adapters/openai/openai-request-body.js';
import type { ModelRequest } from '../src/spec/adapter.js';
import { startFakeProvider } from '../src/testing/fake-provider/start-fake-provider.js';
import { type Measurement, measureAll } from './measure.js';

const REQUEST: ModelRequest = {
  messages: [
    { role: 'system', content: 'Answer in one sentence.' },
    { role: 'user', content: 'How long do refunds take?' },
  ],
  response_format: { type: 'text' },
  max_tokens: 64,
  context: { run_id: 'bench', step: 'answer', attempt: 1 },
};

/**
 * The openai adapter's own cost per call: a `generate` through it beside a bare `fetch` POST of the
 * same body to the same loopback fake provider (`/v1/chat/completions`), whose JSON is parsed and
 * nothing else. Both pay the same HTTP round trip, so the ratio shows what timeouts, error mapping
 * and response reading add. The baseline is the bare fetch.
 */
export async function benchAdapter(): Promise<{ rows: Measurement[]; baseline: Measurement }> {
  const fake = await startFakeProvider({ defaultReply: 'Refunds are processed within 5 business days.' });
  try {
    const apiKey = 'bench-key';
    const adapter = createOpenAIAdapter({ model: 'bench-model', baseUrl: `${fake.url}/v1`, apiKey });
    const body = JSON.stringify(
      openAIRequestBody({
        model: 'bench-model',
        request: REQUEST,
        stream: false,
        maxTokensField: 'max_tokens',
      }),
    );
    const url = `${fake.url}/v1/chat/completions`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
    const signal = new AbortController().signal;
    const rows = await measureAll({
      batches: 20,
      batchSize: 50,
      warmup: 100,
      contenders: [
        {
          name: 'bare fetch POST /v1/chat/completions',
          fn: async () => (await fetch(url, { method: 'POST', headers, body })).json(),
        },
        { name: 'openai adapter generate()', fn: () => adapter.generate(REQUEST, { signal }) },
      ],
    });
    return { rows, baseline: rows[0] as Measurement };
  } finally {
    await fake.close();
  }
}
