import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/index.js';
import {
  buildPredicate,
  createCertificate,
  createEd25519Signer,
  generateEd25519KeyPair,
} from '../evidence/index.js';
import { createLiveEffects, runWorkflow } from '../runner/index.js';
import type { FakeBehaviour, FakeProvider } from '../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../testing/fake-provider/start-fake-provider.js';
import { createAdapterResolver } from './create-adapter-resolver.js';

const KEY = 'sk-test-SENTINEL-9f8e7d6c5b4a';
/** An environment reference as a profile file holds it. */
const ref = (name: string) => `\${${name}}`;

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A profile with two OpenAI-compatible providers on the fake, keys from the environment. */
function profile() {
  return {
    name: 'live',
    adapters: { allow: ['openai:*', 'backup:*'] },
    providers: {
      openai: {
        base_url: ref('FAKE_BASE_URL'),
        api_key: ref('OPENAI_API_KEY'),
        prices: { 'gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6 } },
      },
      backup: {
        type: 'openai',
        base_url: ref('FAKE_BASE_URL'),
        api_key: ref('OPENAI_API_KEY'),
        prices: { small: { input_per_mtok: 1, output_per_mtok: 2 } },
      },
    },
    models: { fast: { ref: 'backup:small', max_tokens: 64 } },
  };
}

const workflow = {
  name: 'answer',
  version: 1,
  steps: {
    answer: {
      model: ['openai:gpt-4o-mini', 'fast'],
      prompt: { user: 'Answer in JSON.' },
      output: 'json',
      constraints: [{ id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer'] } }],
      recovery: [{ retry: { max: 1, backoff_ms: 0 } }, { fallback: {} }, { stop: {} }],
    },
  },
  budget: { attempts: 6, tokens: 10_000, cost_usd: 1, time_ms: 20_000 },
};

describe('a run through the openai adapter against the fake provider', () => {
  it('retries after Retry-After, falls back to a working model, and certifies tokens and cost without the key', async () => {
    const byModel: Record<string, FakeBehaviour[]> = {
      'gpt-4o-mini': [{ status: 429, retryAfter: 1 }, { status: 500 }],
      small: [{ reply: '{"answer":42}', usage: { input: 100, output: 50 } }],
    };
    fake = await startFakeProvider({
      log: false,
      script: (request) =>
        byModel[String((request.body as { model?: unknown }).model)]?.shift() ?? { status: 400 },
    });
    const env = { FAKE_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: KEY };
    const config = resolveConfig({ workflow, profiles: [profile()], profile: 'live', env });
    const live = createLiveEffects();
    const sleeps: number[] = [];
    const result = await runWorkflow({
      config,
      inputs: {},
      adapters: createAdapterResolver({ config, env }),
      effects: {
        ...live,
        sleep: (key, ms, options) => {
          sleeps.push(ms);
          return live.sleep(key, ms, options);
        },
      },
    });

    expect(result.outcome).toBe('certified');
    expect(result.output).toEqual({ answer: 42 });
    // The retry waited what Retry-After asked (more than the 0 ms backoff).
    expect(sleeps).toContain(1000);
    const failed = result.events.filter((e) => e.type === 'attempt.failed').map((e) => e.data);
    expect(failed).toMatchObject([
      { error: { code: 'rate_limited', retryable: true, status: 429, retry_after_ms: 1000 } },
      { error: { code: 'unavailable', retryable: true, status: 500 } },
    ]);
    const moves = result.events.filter((e) => e.type === 'recovery.chosen').map((e) => e.data);
    expect(moves).toMatchObject([{ strategy: 'retry' }, { strategy: 'fallback', to: 'fast' }]);
    // The alias's max_tokens reached the wire.
    expect(fake.requests.at(-1)?.body).toMatchObject({ model: 'small', max_tokens: 64 });
    expect(fake.requests.every((r) => r.authorized)).toBe(true);

    const predicate = buildPredicate(result);
    expect(predicate.models).toContainEqual(
      expect.objectContaining({ model: 'small', input_tokens: 100, output_tokens: 50, cost_usd: 0.0002 }),
    );
    const signer = createEd25519Signer({ privateKeyPem: generateEd25519KeyPair().private_key_pem });
    const certificate = await createCertificate({ result, signer });

    // The key appears nowhere: events, errors, certificate, the fake's record, the resolved config.
    const everything = JSON.stringify({ result, certificate, requests: fake.requests, config });
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('SENTINEL');
  });

  it('builds nothing for a provider the profile does not declare', () => {
    const config = resolveConfig({
      workflow: { ...workflow, steps: { a: { model: ['openai:gpt-4o-mini'], prompt: { user: 'x' } } } },
      profiles: [{ name: 'bare' }],
      profile: 'bare',
    });
    expect(createAdapterResolver({ config, env: {} })('openai:gpt-4o-mini')).toBeUndefined();
  });
});

describe('the Ollama / vLLM recipe (docs/adapters.md), with the fake as the local server', () => {
  it('runs the example workflow through a `type: openai` provider at a local base_url', async () => {
    fake = await startFakeProvider({ log: false, script: [{ reply: 'Bonjour !', usage: 'omit' }] });
    const recipe = {
      name: 'local',
      adapters: { allow: ['ollama:*'] },
      providers: {
        ollama: { type: 'openai', base_url: ref('OLLAMA_BASE_URL'), api_key: ref('OLLAMA_API_KEY') },
      },
    };
    const example = {
      name: 'translate',
      version: 1,
      inputs: { text: { type: 'string' } },
      steps: {
        translate: {
          model: ['ollama:llama3.2'],
          prompt: { system: 'Translate to French.', user: '{{ inputs.text }}' },
          constraints: [{ id: 'short', kind: 'max_length', value: 200 }],
        },
      },
    };
    // In the recipe OLLAMA_BASE_URL is http://127.0.0.1:11434/v1 (vLLM: http://127.0.0.1:8000/v1).
    // Local servers ignore the key, but OpenAI-compatible clients send one (Ollama's docs use `ollama`).
    const env = { OLLAMA_BASE_URL: `${fake.url}/v1`, OLLAMA_API_KEY: 'ollama' };
    const config = resolveConfig({ workflow: example, profiles: [recipe], profile: 'local', env });
    const result = await runWorkflow({
      config,
      inputs: { text: 'Hello!' },
      adapters: createAdapterResolver({ config, env }),
    });
    expect(result.outcome).toBe('certified');
    expect(result.output).toBe('Bonjour !');
    expect(fake.requests[0]).toMatchObject({
      route: 'openai',
      authorized: true,
      body: { model: 'llama3.2' },
    });
    const completed = result.events.find((e) => e.type === 'attempt.completed')?.data;
    // A local model has no price: the cost is unknown (null), and the usage an estimate.
    expect(completed).toMatchObject({ adapter: 'ollama:llama3.2', cost_usd: null, usage_estimated: true });
  });
});
