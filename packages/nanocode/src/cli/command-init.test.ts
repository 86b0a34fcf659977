import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInitCommand } from './command-init.js';
import { memoryIo } from './memory-io.test-util.js';
import { scaffoldFiles } from './scaffold-files.js';

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'nanocode-cmd-'));
  expect(await runInitCommand({ dir: '.', force: false, io: memoryIo({ cwd: project }) })).toBe(0);
});

describe('runInitCommand', () => {
  it('refuses to overwrite without --force and writes nothing', async () => {
    const io = memoryIo({ cwd: project });
    expect(await runInitCommand({ dir: '.', force: false, io })).toBe(1);
    expect(io.err()).toMatch(
      /^NC_CLI_FILE_EXISTS refusing to overwrite workflows\/hello\.yaml, .*\(add --force to overwrite\)\n$/,
    );
    expect(io.out()).toBe('');
  });

  it('writes nothing when one file exists, and overwrites everything with --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-init-'));
    await writeFile(join(dir, 'README.md'), 'mine\n');
    const refused = memoryIo({ cwd: dir });
    expect(await runInitCommand({ dir: '.', force: false, io: refused })).toBe(1);
    await expect(access(join(dir, 'workflows/hello.yaml'))).rejects.toThrow();
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('mine\n');

    const forced = memoryIo({ cwd: dir });
    expect(await runInitCommand({ dir: '.', force: true, io: forced })).toBe(0);
    for (const file of scaffoldFiles()) expect(await readFile(join(dir, file.path), 'utf8')).toBe(file.text);
    expect(forced.out()).toContain('created workflows/hello.yaml\n');
  });
});
