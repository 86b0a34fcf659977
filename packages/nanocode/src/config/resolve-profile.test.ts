import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { mergeProfiles } from './merge-profiles.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

const WORKFLOW = 'name: w\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n';

describe('mergeProfiles', () => {
  it('merges mappings, concatenates lists (once each) and lets child scalars win', () => {
    expect(
      mergeProfiles({
        parent: { tenant: 'a', adapters: { allow: ['scripted:*'] }, budget: { attempts: 3, tokens: 10 } },
        child: { tenant: 'b', adapters: { allow: ['openai:*', 'scripted:*'] }, budget: { attempts: 2 } },
      }),
    ).toEqual({
      tenant: 'b',
      adapters: { allow: ['scripted:*', 'openai:*'] },
      budget: { attempts: 2, tokens: 10 },
    });
  });
});

describe('profiles', () => {
  it('uses a `default` profile file when no profile is named', async () => {
    const root = await writeFixtureTree({
      'w.yaml': WORKFLOW,
      'profiles/default.yaml': 'kind: profile\nname: default\ntenant: acme\n',
    });
    const config = await loadConfig({ workflowFile: join(root, 'w.yaml') });
    expect(config.profile.tenant).toBe('acme');
    expect(config.sources).toContain(join(root, 'profiles/default.yaml'));
  });

  it('lets a nearer directory shadow a farther one, and finds searchDirs', async () => {
    const root = await writeFixtureTree({
      'flows/w.yaml': WORKFLOW,
      'flows/profiles/p.yaml': 'kind: profile\nname: p\ntenant: near\n',
      'profiles/p.yaml': 'kind: profile\nname: p\ntenant: far\n',
      'profiles/q.yaml': 'kind: profile\nname: q\nextends: p\n',
    });
    const near = await loadConfig({ workflowFile: join(root, 'flows/w.yaml'), profile: 'q' });
    expect(near.profile.tenant).toBe('near');
    const other = await writeFixtureTree({ 'w.yaml': WORKFLOW });
    const viaSearch = await loadConfig({
      workflowFile: join(other, 'w.yaml'),
      profile: 'q',
      searchDirs: [root],
    });
    expect(viaSearch.profile).toMatchObject({ name: 'q', tenant: 'far' });
  });

  it('keeps expired waivers: the runner decides', async () => {
    const root = await writeFixtureTree({
      'w.yaml': WORKFLOW,
      'profiles/p.yaml':
        'kind: profile\nname: p\nwaivers:\n  - { constraint: x, reason: old, granted_by: ops, expires: 2001-01-01 }\n',
    });
    const config = await loadConfig({
      workflowFile: join(root, 'w.yaml'),
      profile: 'p',
      now: new Date('2030-01-01'),
    });
    expect(config.profile.waivers).toEqual([
      { constraint: 'x', reason: 'old', granted_by: 'ops', expires: '2001-01-01T00:00:00.000Z' },
    ]);
  });
});
