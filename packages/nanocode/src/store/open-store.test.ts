import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunStore } from '../spec/store.js';
import { makeHeader } from './contract/store-fixtures.test-util.js';
import { openStore } from './open-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nanocode-open-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function touch(store: RunStore): Promise<void> {
  await store.createRun({ header: makeHeader({ run_id: 'r1' }), started_at: '2026-01-01T00:00:00.000Z' });
  await store.close();
}

describe('openStore', () => {
  it('opens the embedded SQLite file at <cwd>/.nanocode/nanocode.db by default', async () => {
    const cwd = tempDir();
    await touch(await openStore({ cwd }));
    expect(statSync(join(cwd, '.nanocode')).mode & 0o777).toBe(0o700);
    expect(statSync(join(cwd, '.nanocode', 'nanocode.db')).mode & 0o777).toBe(0o600);
    const again = await openStore({ cwd });
    expect(await again.getRun({ run_id: 'r1' })).toBeDefined();
    await again.close();
  });

  it('resolves sqlite: URLs and bare paths from cwd, and keeps absolute ones', async () => {
    const cwd = tempDir();
    const elsewhere = tempDir();
    const cases: Array<[string, string]> = [
      ['sqlite:data/runs.db', join(cwd, 'data', 'runs.db')],
      ['plain.db', join(cwd, 'plain.db')],
      [`sqlite:${join(elsewhere, 'a.db')}`, join(elsewhere, 'a.db')],
      [`sqlite://${join(elsewhere, 'b.db')}`, join(elsewhere, 'b.db')],
      [join(elsewhere, 'c.db'), join(elsewhere, 'c.db')],
    ];
    for (const [url, file] of cases) {
      expect(existsSync(file)).toBe(false);
      await touch(await openStore({ url, cwd }));
      expect(existsSync(file)).toBe(true);
    }
  });

  it('opens a fresh memory store for memory:', async () => {
    const cwd = tempDir();
    const store = await openStore({ url: 'memory:', cwd });
    await touch(store);
    expect(existsSync(join(cwd, '.nanocode'))).toBe(false);
    const other = await openStore({ url: 'memory:', cwd });
    expect(await other.getRun({ run_id: 'r1' })).toBeUndefined();
  });

  it('routes postgres:// and postgresql:// URLs to the PostgreSQL store', async () => {
    const cwd = tempDir();
    // Port 1 refuses connections: the PostgreSQL store answers, with its own open error.
    for (const url of ['postgres://nanocode@127.0.0.1:1/runs', 'postgresql://127.0.0.1:1/runs?schema=x']) {
      await expect(openStore({ url, cwd })).rejects.toThrow(
        expect.objectContaining({ code: 'NC_STORE_OPEN', message: expect.stringContaining('127.0.0.1:1') }),
      );
    }
    await expect(openStore({ url: 'postgres://127.0.0.1:1/runs?schema=No-Good', cwd })).rejects.toThrow(
      expect.objectContaining({ code: 'NC_STORE_INPUT' }),
    );
    expect(existsSync(join(cwd, '.nanocode'))).toBe(false);
  });

  it('rejects unknown schemes with NC_STORE_UNSUPPORTED', async () => {
    const cwd = tempDir();
    await expect(openStore({ url: 'mysql://localhost/runs', cwd })).rejects.toThrow(
      expect.objectContaining({ code: 'NC_STORE_UNSUPPORTED', message: expect.stringContaining('mysql') }),
    );
    expect(existsSync(join(cwd, '.nanocode'))).toBe(false);
  });

  it('loads the SQLite and PostgreSQL drivers only when such a store is opened', async () => {
    const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
    const modulePath = fileURLToPath(new URL('./index.ts', import.meta.url));
    const cwd = tempDir();
    const script = `
      import { createRequire } from 'node:module';
      const cache = () => Object.keys(createRequire(import.meta.url).cache);
      const loaded = () => [
        cache().some((k) => k.includes('better-sqlite3')),
        cache().some((k) => /[\\/]node_modules[\\/]pg[\\/]/.test(k)),
      ];
      const { openStore } = await import(${JSON.stringify(modulePath)});
      const before = loaded();
      await (await openStore({ url: 'memory:', cwd: ${JSON.stringify(cwd)} })).close();
      const afterMemory = loaded();
      await (await openStore({ cwd: ${JSON.stringify(cwd)} })).close();
      const afterSqlite = loaded();
      await openStore({ url: 'postgres://127.0.0.1:1/x', cwd: ${JSON.stringify(cwd)} }).catch(() => {});
      console.log(JSON.stringify([before, afterMemory, afterSqlite, loaded()]));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: repoRoot },
    );
    expect(JSON.parse(stdout)).toEqual([
      [false, false],
      [false, false],
      [true, false],
      [true, true],
    ]);
  });
});
