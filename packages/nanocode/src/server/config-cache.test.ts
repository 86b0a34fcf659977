import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createConfigCache } from './config-cache.js';
import { policyCatalog } from './policy/policy-catalog.js';

describe('createConfigCache', () => {
  it('reuses a loaded configuration until one of its source files changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cache-'));
    const file = join(dir, 'workflow.yaml');
    const text = 'name: cached\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n';
    await writeFile(file, text);
    let loads = 0;
    const load = createConfigCache({
      load: ({ file: f }) => {
        loads += 1;
        return loadConfig({ workflowFile: f });
      },
    });
    const first = await load({ file });
    expect(await load({ file })).toBe(first);
    expect(loads).toBe(1);
    await writeFile(file, (await readFile(file, 'utf8')).replace('version: 1', 'version: 2 '));
    const second = await load({ file });
    expect(loads).toBe(2);
    expect(second.workflow.version).toBe('2');
    expect(second.digest).not.toBe(first.digest);
  });

  it('keeps one entry per overlay key, so a policy change resolves the profile anew', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cache-'));
    const file = join(dir, 'workflow.yaml');
    await writeFile(
      file,
      'name: cached\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n',
    );
    let loads = 0;
    const load = createConfigCache({
      load: ({ file: f, profile, overlay }) => {
        loads += 1;
        return loadConfig({
          workflowFile: f,
          ...(profile === undefined ? {} : { profile }),
          ...(overlay === undefined ? {} : { profiles: overlay.profiles }),
        });
      },
    });
    const overlay = (attempts: number) => ({
      key: `v${attempts}`,
      profiles: policyCatalog({
        documents: { team: { kind: 'profile', name: 'team', budget: { attempts } } },
      }),
    });
    const two = await load({ file, profile: 'team', overlay: overlay(2) });
    const five = await load({ file, profile: 'team', overlay: overlay(5) });
    expect(two.profile.budget.attempts).toBe(2);
    expect(five.profile.budget.attempts).toBe(5);
    expect(await load({ file, profile: 'team', overlay: overlay(2) })).toBe(two);
    expect(loads).toBe(2);
    // The overlay's pseudo files are never looked up on disk.
    expect(two.sources).toContain('api-policy/team.json');
  });
});
