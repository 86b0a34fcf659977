import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

const YAML = `name: stable
version: 2
inputs:
  topic: { type: string }
steps:
  draft:
    model: scripted:a
    prompt: { user: "Write about {{ inputs.topic }}" }
    constraints:
      - { id: short, kind: max_words, value: 50 }
`;

// The same workflow, keys in another order, as JSON.
const JSON_TEXT = JSON.stringify({
  steps: {
    draft: {
      constraints: [{ value: 50, kind: 'max_words', id: 'short' }],
      prompt: { user: 'Write about {{ inputs.topic }}' },
      model: ['scripted:a'],
    },
  },
  inputs: { topic: { type: 'string' } },
  version: '2',
  name: 'stable',
});

describe('resolved config digests', () => {
  it('are the same for the same content in YAML and JSON, whatever the key order', async () => {
    const root = await writeFixtureTree({ 'a.yaml': YAML, 'b.json': JSON_TEXT });
    const a = await loadConfig({ workflowFile: join(root, 'a.yaml') });
    const b = await loadConfig({ workflowFile: join(root, 'b.json') });
    expect(a.workflow).toEqual(b.workflow);
    expect(a.workflow_digest).toBe(b.workflow_digest);
    expect(a.digest).toBe(b.digest);
    expect(a.profile_digest).toBe(b.profile_digest);
  });

  it('change when content changes, and the workflow digest ignores the profile', async () => {
    const root = await writeFixtureTree({
      'a.yaml': YAML,
      'c.yaml': YAML.replace('value: 50', 'value: 51'),
      'profiles/p.yaml': 'kind: profile\nname: p\nbudget: { attempts: 2 }\n',
    });
    const a = await loadConfig({ workflowFile: join(root, 'a.yaml') });
    const c = await loadConfig({ workflowFile: join(root, 'c.yaml') });
    const p = await loadConfig({ workflowFile: join(root, 'a.yaml'), profile: 'p' });
    expect(c.digest).not.toBe(a.digest);
    expect(p.workflow_digest).toBe(a.workflow_digest);
    expect(p.digest).not.toBe(a.digest);
  });

  it('ignores `$schema`, which is editor metadata', async () => {
    const root = await writeFixtureTree({
      'a.yaml': YAML,
      'd.yaml': `$schema: ../node_modules/nanocode/schema/nanocode.schema.json\n${YAML}`,
    });
    const a = await loadConfig({ workflowFile: join(root, 'a.yaml') });
    const d = await loadConfig({ workflowFile: join(root, 'd.yaml') });
    expect(d.digest).toBe(a.digest);
  });
});
