import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './configure-write-file.js';

describe('writeFileAtomic', () => {
  it('replaces a readable file with an owner-only one and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-atomic-'));
    const file = join(dir, '.env');
    await writeFile(file, 'OLD=1\n', { mode: 0o644 });
    await writeFileAtomic({ file, text: 'NEW="2"\n' });
    expect(await readFile(file, 'utf8')).toBe('NEW="2"\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['.env']);
  });

  it('cleans up and rethrows when the rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-atomic-'));
    // A directory cannot be replaced by a file.
    await expect(writeFileAtomic({ file: dir, text: 'x' })).rejects.toThrow();
    const parent = await readdir(join(dir, '..'));
    expect(parent.filter((name) => name.startsWith(`.${dir.split('/').pop()}.`))).toEqual([]);
  });
});
