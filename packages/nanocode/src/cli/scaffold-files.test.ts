import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAdapterResolver } from '../compose/create-adapter-resolver.js';
import { loadConfig, validateFiles } from '../config/index.js';
import { runWorkflow } from '../runner/index.js';
import { scaffoldFiles } from './scaffold-files.js';
import { createTimelinePrinter } from './timeline-printer.js';

function file(path: string): string {
  const found = scaffoldFiles().find((f) => f.path === path);
  if (!found) throw new Error(`no scaffold file ${path}`);
  return found.text;
}

describe('scaffoldFiles', () => {
  it('writes the workflow, both profiles, .env.example and a README', () => {
    expect(scaffoldFiles().map((f) => f.path)).toEqual([
      'workflows/hello.yaml',
      'profiles/dev.yaml',
      'profiles/prod.yaml',
      '.env.example',
      'README.md',
    ]);
    expect(file('.env.example')).toMatch(/^OPENAI_API_KEY=$/m);
    expect(file('.env.example')).toMatch(/^ANTHROPIC_API_KEY=$/m);
    expect(parse(file('profiles/prod.yaml'))).toMatchObject({ name: 'prod', extends: 'dev' });
  });

  it('validates with the loader, and hello.yaml runs certified after one retry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-scaffold-'));
    for (const f of scaffoldFiles()) {
      await mkdir(dirname(join(dir, f.path)), { recursive: true });
      await writeFile(join(dir, f.path), f.text);
    }
    const files = ['workflows/hello.yaml', 'profiles/dev.yaml', 'profiles/prod.yaml'].map((f) =>
      join(dir, f),
    );
    expect(await validateFiles({ files, env: {} })).toEqual({ ok: true, errors: [] });

    const config = await loadConfig({
      workflowFile: join(dir, 'workflows/hello.yaml'),
      profile: 'prod',
      env: {},
    });
    expect(config.profile.budget.attempts).toBe(4);
    const printer = createTimelinePrinter({ color: false });
    const lines: string[] = [];
    const result = await runWorkflow({
      config,
      inputs: { name: 'Ada' },
      adapters: createAdapterResolver({ config, env: {} }),
      onEvent: (event) => lines.push(...printer.format(event)),
    });
    expect(result.outcome).toBe('certified');
    expect(result.output).toEqual({ greeting: 'Hello, and welcome to Nanocode!' });
    expect(lines).toContain('▸ step greet (model: scripted:demo)');
    expect(lines.some((l) => l.startsWith('  ✗ shape (json_schema, hard): '))).toBe(true);
    expect(lines).toContain('  ↻ retry (trigger: shape)');
    expect(lines).toContain('  ✓ released greet');
    expect(lines.at(-1)).toBe(
      `outcome: certified · 2 attempts · 111 tokens · $0.0000 · run ${result.run_id}`,
    );
  });
});
