import { describe, expect, it } from 'vitest';
import { ConfigLoadError } from './config-load-error.js';
import { resolveConfig } from './resolve-config.js';

const workflow = {
  name: 'inline',
  version: 1,
  steps: {
    answer: {
      model: 'scripted:demo',
      prompt: { user: 'Hi' },
      constraints: [{ use: 'polite' }, { id: 'calm', expr: "!output.contains('!')" }],
    },
  },
};

describe('resolveConfig (workflows as TypeScript objects)', () => {
  it('applies templates, profiles and defaults exactly as files do', () => {
    const config = resolveConfig({
      workflow,
      templates: [
        {
          kind: 'templates',
          templates: {
            polite: { constraints: [{ id: 'no-rude', kind: 'not_contains', values: ['idiot'] }] },
          },
        },
      ],
      profiles: [
        { name: 'base', budget: { attempts: 3 } },
        { name: 'strict', extends: 'base', adapters: { allow: ['scripted:*'] } },
      ],
      profile: 'strict',
    });
    expect(config.workflow.steps.answer?.model).toEqual(['scripted:demo']);
    expect(config.workflow.steps.answer?.constraints.map((c) => [c.id, c.kind])).toEqual([
      ['no-rude', 'not_contains'],
      ['calm', 'expr'],
    ]);
    expect(config.profile.budget.attempts).toBe(3);
    expect(config.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reports every problem with a coded error located in the virtual file', () => {
    const broken = {
      ...workflow,
      steps: { answer: { model: 'scripted:demo', prompt: { user: 'Hi' }, constrains: [] } },
    };
    try {
      resolveConfig({ workflow: broken });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigLoadError);
      const first = (error as ConfigLoadError).errors[0];
      expect(first?.code).toBe('NC_CFG_UNKNOWN_KEY');
      expect(first?.location).toMatchObject({ file: '<workflow>', line: 10 });
      expect(first?.hint).toContain('constraints');
    }
  });
});
