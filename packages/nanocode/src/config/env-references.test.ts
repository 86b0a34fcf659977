// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about literal `${NAME}` text
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigLoadError } from './config-load-error.js';
import { envAllowedAt, resolveSecret } from './env-references.js';
import { loadConfig } from './load-config.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

const WORKFLOW = 'name: w\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n';

describe('resolveSecret', () => {
  it('interpolates set variables, once', () => {
    expect(resolveSecret({ value: 'https://${HOST}/v1', env: { HOST: 'api.example' } })).toBe(
      'https://api.example/v1',
    );
    expect(resolveSecret({ value: '${A}', env: { A: '${B}', B: 'no' } })).toBe('${B}');
  });

  it('keeps `$${` as a literal `${`', () => {
    expect(resolveSecret({ value: 'pre$${X}post', env: {} })).toBe('pre${X}post');
  });

  it('throws NC_CFG_ENV_MISSING for an unset variable', () => {
    expect(() => resolveSecret({ value: '${NOPE}', env: {} })).toThrowError(
      expect.objectContaining({ code: 'NC_CFG_ENV_MISSING' }),
    );
  });
});

describe('envAllowedAt', () => {
  it('allows only provider base_url, api_key and header values in profiles', () => {
    expect(envAllowedAt({ kind: 'profile', path: ['providers', 'x', 'headers', 'authorization'] })).toBe(
      true,
    );
    expect(envAllowedAt({ kind: 'profile', path: ['providers', 'x', 'http', 'body'] })).toBe(false);
    expect(envAllowedAt({ kind: 'profile', path: ['providers', 'openai', 'api_key'] })).toBe(true);
    expect(envAllowedAt({ kind: 'profile', path: ['providers', 'openai', 'base_url'] })).toBe(true);
    expect(envAllowedAt({ kind: 'profile', path: ['providers', 'openai', 'prices'] })).toBe(false);
    expect(envAllowedAt({ kind: 'profile', path: ['tenant'] })).toBe(false);
    expect(envAllowedAt({ kind: 'workflow', path: ['providers', 'openai', 'api_key'] })).toBe(false);
  });
});

describe('${ENV} at load time', () => {
  const files = {
    'w.yaml': WORKFLOW.replace('prompt: { user: hi }', () => 'prompt: { user: "cost is $${PRICE}" }'),
    'profiles/p.yaml':
      'kind: profile\nname: p\nproviders:\n  openai:\n    base_url: ${BASE}\n    api_key: ${KEY}\n',
  };

  it('checks presence only when env is given, and keeps the reference text', async () => {
    const root = await writeFixtureTree(files);
    const config = await loadConfig({ workflowFile: join(root, 'w.yaml'), profile: 'p' });
    expect(config.profile.providers.openai).toEqual({
      type: 'openai',
      base_url: '${BASE}',
      api_key: '${KEY}',
      connect_timeout_ms: 10_000,
      timeout_ms: 60_000,
    });
    expect(config.workflow.steps.a?.prompt?.user).toBe('cost is ${PRICE}');
    const error = await loadConfig({
      workflowFile: join(root, 'w.yaml'),
      profile: 'p',
      env: { BASE: 'x' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLoadError);
    expect(
      (error as ConfigLoadError).errors.map((e) => [e.code, e.location?.line, e.location?.column]),
    ).toEqual([['NC_CFG_ENV_MISSING', 6, 14]]);
  });
});
