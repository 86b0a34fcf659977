import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-project.test-util.js';

describe('nanocode keys', () => {
  it('generates, lists and rotates keys in --dir; rotation keeps the old key as retired', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-keys-'));
    expect((await cliIn({ cwd, args: ['keys', 'list', '--dir', 'k'] })).out).toMatch(/^no keys in k /);
    const generated = await cliIn({ cwd, args: ['keys', 'generate', '--dir', 'k'] });
    expect(generated.code).toBe(0);
    const keyid = /^generated certificate key ([0-9a-f]{64}) in k\n$/.exec(generated.out)?.[1];
    expect(keyid).toBeDefined();
    expect((await stat(join(cwd, `k/${keyid}.key`))).mode & 0o777).toBe(0o600);

    const again = await cliIn({ cwd, args: ['keys', 'generate', '--dir', 'k'] });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^NC_EVIDENCE_KEY_EXISTS /);

    expect((await cliIn({ cwd, args: ['keys', 'generate', '--dir', 'k', '--purpose', 'log'] })).code).toBe(0);
    const rotated = await cliIn({ cwd, args: ['keys', 'rotate', '--dir', 'k', '--json'] });
    const { active, retired } = JSON.parse(rotated.out) as {
      active: { keyid: string };
      retired: { keyid: string; not_after: string };
    };
    expect(retired.keyid).toBe(keyid);
    expect(active.keyid).not.toBe(keyid);

    const list = await cliIn({ cwd, args: ['keys', 'list', '--dir', 'k', '--json'] });
    const keys = (JSON.parse(list.out) as { keys: { keyid: string; purpose: string; active: boolean }[] })
      .keys;
    expect(keys.map((k) => [k.purpose, k.active])).toEqual([
      ['certificate', false],
      ['log', true],
      ['certificate', true],
    ]);
    const text = await cliIn({ cwd, args: ['keys', 'list', '--dir', 'k'] });
    expect(text.out).toMatch(new RegExp(`^${keyid}  certificate  retired  \\S+  ${retired.not_after}$`, 'm'));
  });

  it('rejects an unknown purpose as a usage error', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-keys-'));
    const r = await cliIn({ cwd, args: ['keys', 'generate', '--purpose', 'email'] });
    expect(r.code).toBe(64);
  });
});
