import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, providerSetup } from './configure-providers.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SRC = join(REPO_ROOT, 'packages/nanocode/src');

/** Names that look like environment reads but are not: each with the reason. */
const NOT_READ = new Map([
  ['HOME', 'render-template.test.ts checks that `{{ process.env.HOME }}` is rejected as a template'],
  ['NAME', 'the placeholder docs use for any environment reference'],
]);

async function filesUnder(options: { dir: string; suffix: string }): Promise<string[]> {
  const entries = await readdir(options.dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(options.suffix) && !e.parentPath.includes('node_modules'))
    .map((e) => join(e.parentPath, e.name));
}

async function namesIn(options: { files: string[]; pattern: RegExp }): Promise<Set<string>> {
  const names = new Set<string>();
  for (const file of options.files) {
    for (const match of (await readFile(file, 'utf8')).matchAll(options.pattern)) {
      const name = match.slice(1).find((group) => group !== undefined);
      if (name !== undefined && !NOT_READ.has(name)) names.add(name);
    }
  }
  return names;
}

async function documented(): Promise<string> {
  return readFile(join(REPO_ROOT, '.env.example'), 'utf8');
}

describe('.env.example', () => {
  it('documents every variable the source reads (process.env.X, env.X, env["X"])', async () => {
    // This file names the patterns it looks for; it reads nothing.
    const self = fileURLToPath(import.meta.url);
    const files = (await filesUnder({ dir: SRC, suffix: '.ts' })).filter((file) => file !== self);
    const names = await namesIn({
      files,
      pattern: /\benv(?:\.([A-Z_][A-Z0-9_]*)\b|\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\])/g,
    });
    // The scan must find what we know is read, or it is not scanning anything.
    expect([...names]).toEqual(
      expect.arrayContaining(['NANOCODE_DEBUG', 'NO_COLOR', 'NANOCODE_TEST_PG_URL']),
    );
    const text = await documented();
    expect([...names].filter((name) => !text.includes(name))).toEqual([]);
  });

  it('documents every env reference that the examples and the adapter docs reference, and every configure variable', async () => {
    const files = [
      ...(await filesUnder({ dir: join(REPO_ROOT, 'examples'), suffix: '.yaml' })),
      join(REPO_ROOT, 'docs/adapters.md'),
    ];
    const names = await namesIn({ files, pattern: /\$\{([A-Z_][A-Z0-9_]*)\}/g });
    for (const provider of PROVIDER_NAMES) {
      for (const variable of providerSetup({ name: provider }).variables) names.add(variable.name);
    }
    expect(names.has('OLLAMA_BASE_URL')).toBe(true);
    const text = await documented();
    expect([...names].filter((name) => !text.includes(name))).toEqual([]);
  });

  it('holds no values for secrets', async () => {
    const text = await documented();
    for (const line of text.split('\n')) {
      if (/^(OPENAI|ANTHROPIC)_API_KEY=|^HTTP_MODEL_TOKEN=/.test(line)) expect(line).toMatch(/=$/);
    }
  });
});
