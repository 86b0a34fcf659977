import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import { cliIn } from './cli-project.test-util.js';
import { hashApiKey, newApiKey } from './command-keys-api.js';

describe('nanocode keys api', () => {
  it('creates a key printed once, stores only its hash and prefix, lists and revokes it', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-keys-api-'));
    const created = await cliIn({
      cwd,
      args: ['keys', 'api', 'create', '--tenant', 'acme', '--role', 'runner', '--label', 'ci'],
    });
    expect(created.code).toBe(0);
    const key = created.out.trim();
    expect(key).toMatch(/^nck_[A-Za-z0-9_-]{32}$/);
    const id =
      /^created API key (key_[0-9a-f]{16}) for tenant acme \(role runner\); it is shown only once\n$/.exec(
        created.err,
      )?.[1];
    expect(id).toBeDefined();

    const store = await openStore({ cwd });
    const record = await store.findApiKey({
      hash: `sha256:${createHash('sha256').update(key).digest('hex')}`,
    });
    expect(record).toMatchObject({
      id,
      tenant: 'acme',
      role: 'runner',
      label: 'ci',
      prefix: key.slice(0, 8),
    });
    await store.close();
    // The key itself is nowhere in the database file.
    expect((await readFile(join(cwd, '.nanocode', 'nanocode.db'))).includes(key)).toBe(false);

    await cliIn({ cwd, args: ['keys', 'api', 'create', '--tenant', 'other', '--role', 'auditor'] });
    const list = await cliIn({ cwd, args: ['keys', 'api', 'list', '--tenant', 'acme', '--json'] });
    const keys = (JSON.parse(list.out) as { keys: Record<string, unknown>[] }).keys;
    expect(keys).toEqual([
      {
        id,
        tenant: 'acme',
        role: 'runner',
        prefix: key.slice(0, 8),
        label: 'ci',
        created_at: expect.any(String),
      },
    ]);
    const text = await cliIn({ cwd, args: ['keys', 'api', 'list'] });
    expect(text.out.split('\n')[0]).toMatch(/^id\s+tenant\s+role\s+prefix\s+state\s+created_at\s+label$/);
    expect(text.out).toMatch(
      new RegExp(`^${id}\\s+acme\\s+runner\\s+${key.slice(0, 8)}…\\s+active\\s+\\S+\\s+ci$`, 'm'),
    );
    expect(text.out).toMatch(/\sother\s+auditor\s/);
    expect(text.out).not.toContain(key);
    expect(text.out).not.toContain('sha256:');

    expect(await cliIn({ cwd, args: ['keys', 'api', 'revoke', id!] })).toMatchObject({
      code: 0,
      out: `revoked ${id}\n`,
    });
    const again = await cliIn({ cwd, args: ['keys', 'api', 'revoke', id!] });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^NC_STORE_INPUT no active API key key_/);
    expect((await cliIn({ cwd, args: ['keys', 'api', 'list', '--tenant', 'acme'] })).out).toMatch(
      /revoked 20\d\d-/,
    );
  });

  it('rejects a missing tenant or an unknown role as usage errors, storing nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nanocode-keys-api-'));
    expect((await cliIn({ cwd, args: ['keys', 'api', 'create', '--role', 'admin'] })).code).toBe(64);
    expect(
      (await cliIn({ cwd, args: ['keys', 'api', 'create', '--tenant', 'a', '--role', 'root'] })).code,
    ).toBe(64);
    expect((await cliIn({ cwd, args: ['keys', 'api', 'list'] })).out).toMatch(/^no API keys/);
  });

  it('makes distinct keys whose hash is the SHA-256 of the key text', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const a = newApiKey({ tenant: 't', role: 'admin', now });
    const b = newApiKey({ tenant: 't', role: 'admin', now });
    expect(a.key).not.toBe(b.key);
    expect(a.record.id).not.toBe(b.record.id);
    expect(a.record).toEqual({
      id: expect.stringMatching(/^key_/),
      tenant: 't',
      role: 'admin',
      hash: `sha256:${createHash('sha256').update(a.key, 'utf8').digest('hex')}`,
      prefix: a.key.slice(0, 8),
      created_at: '2026-01-01T00:00:00.000Z',
    });
    expect(hashApiKey({ key: 'nck_x' })).toBe(`sha256:${createHash('sha256').update('nck_x').digest('hex')}`);
  });
});
