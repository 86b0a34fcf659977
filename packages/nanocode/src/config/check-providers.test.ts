import { describe, expect, it } from 'vitest';
import { ConfigLoadError } from './config-load-error.js';
import { resolveConfig } from './resolve-config.js';

const workflow = { name: 'w', version: 1, steps: { a: { model: ['scripted:x'], prompt: { user: 'hi' } } } };

function errorsFor(providers: Record<string, unknown>): string[] {
  try {
    resolveConfig({ workflow, profiles: [{ name: 'p', providers }], profile: 'p' });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigLoadError)) throw error;
    return error.errors.map((e) => `${e.code} ${e.message}`);
  }
}

const http = { method: 'POST', body: { prompt: '{{ prompt }}' }, response: { text: 'output.text' } };

describe('checkProviders', () => {
  it('fills the type from a provider named after one, and shows it in the resolved config', () => {
    const config = resolveConfig({
      workflow,
      profiles: [{ name: 'p', providers: { openai: {} } }],
      profile: 'p',
    });
    expect(config.profile.providers.openai).toEqual({
      type: 'openai',
      connect_timeout_ms: 10_000,
      timeout_ms: 60_000,
    });
  });

  it('asks for a type when the name is not one', () => {
    expect(errorsFor({ ollama: { base_url: 'http://127.0.0.1:11434/v1' } })).toEqual([
      expect.stringMatching(/^NC_CFG_INVALID_VALUE .*provider `ollama` needs a `type`/),
    ]);
  });

  it('checks http providers: base_url, the declaration and its placeholders', () => {
    expect(errorsFor({ house: { type: 'http', base_url: 'http://127.0.0.1/x', http } })).toEqual([]);
    expect(errorsFor({ house: { type: 'http', http } })).toEqual([expect.stringMatching(/needs `base_url`/)]);
    expect(errorsFor({ house: { type: 'http', base_url: 'http://x' } })).toEqual([
      expect.stringMatching(/needs an `http` declaration/),
    ]);
    expect(
      errorsFor({
        house: { type: 'http', base_url: 'http://x', http: { ...http, body: { p: '{{ inputs.x }}' } } },
      }),
    ).toEqual([expect.stringMatching(/unknown placeholder `\{\{ inputs.x \}\}`/)]);
    expect(errorsFor({ openai: { http } })).toEqual([
      expect.stringMatching(/not `type: http` but declares `http`/),
    ]);
  });
});
