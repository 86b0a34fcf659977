import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPlainSetting, localProfileYaml, PROVIDER_NAMES } from './configure-providers.js';

describe('localProfileYaml', () => {
  it('allows each chosen provider and refers to every value as an environment reference', () => {
    const profile = parse(localProfileYaml({ providers: [...PROVIDER_NAMES] })) as {
      adapters: { allow: string[] };
      providers: Record<string, { api_key?: string; base_url?: string }>;
    };
    expect(profile.adapters.allow).toEqual([
      'scripted:*',
      'openai:*',
      'anthropic:*',
      'ollama:*',
      'vllm:*',
      'http:*',
    ]);
    expect(Object.keys(profile.providers)).toEqual([...PROVIDER_NAMES]);
    for (const provider of Object.values(profile.providers)) {
      for (const value of [provider.api_key, provider.base_url]) {
        if (value !== undefined) expect(value).toMatch(/^\$\{[A-Z_]+\}$/);
      }
    }
  });
});

describe('isPlainSetting', () => {
  it('shows base URLs and CLI switches, and treats keys and unknown names as secret', () => {
    expect(isPlainSetting({ name: 'OLLAMA_BASE_URL' })).toBe(true);
    expect(isPlainSetting({ name: 'NO_COLOR' })).toBe(true);
    expect(isPlainSetting({ name: 'OLLAMA_API_KEY' })).toBe(false);
    expect(isPlainSetting({ name: 'SOME_OTHER_URL' })).toBe(false);
  });
});
