import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAdapterResolver } from '../adapters/resolve-adapters.js';
import { runWorkflow } from '../runner/index.js';
import { testConfig } from '../runner/test-config.test-util.js';
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

  it('hello.yaml runs certified after one retry, and the timeline shows it', async () => {
    const { kind: _kind, ...profile } = parse(file('profiles/dev.yaml')) as Record<string, unknown>;
    const config = testConfig({
      workflow: parse(file('workflows/hello.yaml')),
      profile: { ...profile, kind: 'profile' },
    });
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
