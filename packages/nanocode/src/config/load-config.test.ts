// biome-ignore-all lint/suspicious/noTemplateCurlyInString: secrets stay as literal `${NAME}` text
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigLoadError } from './config-load-error.js';
import { loadConfig } from './load-config.js';
import { resolvedConfigToYaml } from './resolved-config-to-yaml.js';
import { SUPPORT_ANSWER_FILES } from './support-answer.test-util.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

describe('loadConfig', () => {
  it('resolves a workflow with templates, sugar and a profile that extends another', async () => {
    const root = await writeFixtureTree(SUPPORT_ANSWER_FILES);
    const config = await loadConfig({
      workflowFile: join(root, 'workflows/support-answer.yaml'),
      profile: 'prod',
      env: { OPENAI_API_KEY: 'sk-secret' },
    });
    const answer = config.workflow.steps.answer;
    expect(answer?.model).toEqual(['scripted:primary', 'scripted:secondary']);
    expect(answer?.prompt?.system).toBe('Answer only from the context.\nReply with JSON.');
    expect(answer?.constraints.map((c) => c.id)).toEqual([
      'shape',
      'grounded',
      'short',
      'no-pii',
      'no-links',
      'calm',
      'no-shouting',
    ]);
    expect(answer?.constraints.find((c) => c.id === 'calm')).toMatchObject({ kind: 'expr', negate: false });
    expect(answer?.constraints.find((c) => c.id === 'no-shouting')).toMatchObject({
      kind: 'regex',
      negate: true,
      flags: '',
      severity: 'hard',
    });
    expect(config.workflow.steps.summary?.model).toEqual(['scripted:primary']);
    expect(config.workflow.version).toBe('3');
    expect(config.profile.name).toBe('prod');
    expect(config.profile.budget).toEqual({ attempts: 4 });
    expect(config.profile.adapters.allow).toEqual(['scripted:*']);
    expect(config.profile.waivers.map((w) => [w.constraint, w.expires])).toEqual([
      ['short', '2027-01-31T00:00:00.000Z'],
      ['answer.calm', '2027-02-01T10:00:00.000Z'],
    ]);
    expect(config.profile.redaction).toEqual({ inputs: [], outputs: false, prompts: true });
    expect(config.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(config.sources).toEqual([
      join(root, 'workflows/support-answer.yaml'),
      join(root, 'profiles/prod.yaml'),
      join(root, 'profiles/base.yaml'),
      join(root, 'templates/safety.yaml'),
    ]);
  });

  it('keeps secrets out of the resolved config, its digest and its YAML', async () => {
    const root = await writeFixtureTree(SUPPORT_ANSWER_FILES);
    const workflowFile = join(root, 'workflows/support-answer.yaml');
    const a = await loadConfig({ workflowFile, profile: 'prod', env: { OPENAI_API_KEY: 'sk-secret-1' } });
    const b = await loadConfig({ workflowFile, profile: 'prod', env: { OPENAI_API_KEY: 'sk-secret-2' } });
    expect(a.profile.providers.openai?.api_key).toBe('${OPENAI_API_KEY}');
    expect(a.digest).toBe(b.digest);
    const yaml = resolvedConfigToYaml(a);
    expect(yaml).not.toContain('sk-secret');
    expect(yaml).toContain('${OPENAI_API_KEY}');
    expect(yaml).toContain(a.digest);
  });

  it('shows every default in the resolved config, with the built-in default profile', async () => {
    const root = await writeFixtureTree({
      'w.yaml': 'name: tiny\nversion: 1\nsteps:\n  only:\n    model: scripted:x\n    prompt: { user: hi }\n',
    });
    const config = await loadConfig({ workflowFile: join(root, 'w.yaml') });
    expect(config.workflow).toEqual({
      kind: 'workflow',
      name: 'tiny',
      version: '1',
      inputs: {},
      constraints: [],
      steps: {
        only: {
          model: ['scripted:x'],
          prompt: { user: 'hi' },
          output: 'text',
          release: 'after_checks',
          constraints: [],
          recovery: [{ stop: {} }],
        },
      },
      degrade_steps: {},
      budget: { attempts: 6, tokens: 20_000, cost_usd: 0.05, time_ms: 30_000 },
    });
    expect(config.profile).toEqual({
      kind: 'profile',
      name: 'default',
      budget: {},
      adapters: { allow: ['*'] },
      waivers: [],
      redaction: { inputs: [], outputs: false, prompts: false },
      providers: {},
      models: {},
      tenant: 'default',
    });
  });

  it('throws a ConfigLoadError that lists every problem', async () => {
    const root = await writeFixtureTree({
      'w.yaml':
        'name: bad\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    promt: { user: hi }\n    outptu: json\n',
    });
    const error = await loadConfig({ workflowFile: join(root, 'w.yaml') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLoadError);
    const loadError = error as ConfigLoadError;
    expect(loadError.errors.map((e) => [e.code, e.location?.line, e.location?.column, e.hint])).toEqual([
      ['NC_CFG_UNKNOWN_KEY', 6, 5, 'did you mean `prompt`?'],
      ['NC_CFG_UNKNOWN_KEY', 7, 5, 'did you mean `output`?'],
    ]);
    expect(loadError.code).toBe('NC_CFG_UNKNOWN_KEY');
    expect(loadError.message).toBe('unknown key `promt` in step `a` (and 1 more)');
  });
});
