import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/index.js';
import { buildPredicate } from '../evidence/index.js';
import { runWorkflow } from '../runner/index.js';
import type { FakeProvider } from '../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../testing/fake-provider/start-fake-provider.js';
import { createAdapterResolver } from './create-adapter-resolver.js';

const ref = (name: string) => `\${${name}}`;
let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fallback across every HTTP adapter, against the fake provider', () => {
  it('anthropic (overloaded) → http (server error) → openai, each move in the certificate ladder', async () => {
    fake = await startFakeProvider({
      log: false,
      script: (request) => {
        if (request.route === 'anthropic') return { status: 529 };
        if (request.route === 'custom') return { status: 500 };
        return { reply: 'Refunds take five business days.', usage: { input: 20, output: 7 } };
      },
    });
    const env = { FAKE: fake.url, KEY: 'sk-test-fallback-key' };
    const config = resolveConfig({
      workflow: {
        name: 'chain',
        version: 1,
        steps: {
          answer: {
            model: ['claude:haiku', 'house:house-7b', 'openai:gpt-4o-mini'],
            prompt: { user: 'How long do refunds take?' },
            constraints: [{ id: 'short', kind: 'max_words', value: 20 }],
            recovery: [{ fallback: {} }, { stop: {} }],
          },
        },
      },
      profiles: [
        {
          name: 'chain',
          providers: {
            claude: { type: 'anthropic', base_url: ref('FAKE'), api_key: ref('KEY') },
            house: {
              type: 'http',
              base_url: `${ref('FAKE')}/custom/generate`,
              http: { body: { prompt: '{{ prompt }}' }, response: { text: 'output.text' } },
            },
            openai: { base_url: `${ref('FAKE')}/v1`, api_key: ref('KEY') },
          },
        },
      ],
      profile: 'chain',
      env,
    });
    const result = await runWorkflow({
      config,
      inputs: {},
      adapters: createAdapterResolver({ config, env }),
    });
    expect(result.outcome).toBe('certified');
    const failed = result.events.filter((e) => e.type === 'attempt.failed').map((e) => e.data);
    expect(failed).toMatchObject([
      { adapter: 'claude:haiku', error: { code: 'unavailable', status: 529 } },
      { adapter: 'house:house-7b', error: { code: 'unavailable', status: 500 } },
    ]);
    const ladder = buildPredicate(result).recovery.map(({ strategy, from, to }) => ({ strategy, from, to }));
    expect(ladder).toEqual([
      { strategy: 'fallback', from: 'claude:haiku', to: 'house:house-7b' },
      { strategy: 'fallback', from: 'house:house-7b', to: 'openai:gpt-4o-mini' },
    ]);
    expect(fake.requests.map((r) => r.route)).toEqual(['anthropic', 'custom', 'openai']);
  });
});
