import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInitCommand } from './command-init.js';
import { runValidateCommand } from './command-validate.js';
import { memoryIo } from './memory-io.test-util.js';

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'nanocode-cmd-'));
  expect(await runInitCommand({ dir: '.', force: false, io: memoryIo({ cwd: project }) })).toBe(0);
});

describe('runValidateCommand', () => {
  it('validates the scaffolded files, and reports JSON with --json', async () => {
    const files = ['workflows/hello.yaml', 'profiles/dev.yaml', 'profiles/prod.yaml'].map((f) =>
      join(project, f),
    );
    const io = memoryIo({ cwd: project });
    expect(await runValidateCommand({ files, json: false, io })).toBe(0);
    expect(io.out()).toBe('✓ 3 files valid\n');
    const bad = join(project, 'bad.json');
    await writeFile(bad, '{ "name": "x", "version": 1, "steps": { "a": { "modle": ["scripted:x"] } } }');
    const json = memoryIo({ cwd: project });
    expect(await runValidateCommand({ files: [bad], json: true, io: json })).toBe(65);
    const doc = JSON.parse(json.out()) as {
      ok: boolean;
      errors: { code: string; location: { line: number } }[];
    };
    expect(doc.ok).toBe(false);
    expect(doc.errors[0]?.location.line).toBe(1);
  });
});
