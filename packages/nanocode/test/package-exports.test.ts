import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  files: string[];
};

describe('the package exports map', () => {
  it('maps every entry to a source file that the build turns into it, with types beside it', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        expect(existsSync(join(root, target)), `${entry} → ${target}`).toBe(true);
        continue;
      }
      expect(target.default).toMatch(/^\.\/dist\/.+\.js$/);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
      const source = target.default.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts');
      expect(existsSync(join(root, source)), `${entry} → ${source}`).toBe(true);
      expect(
        pkg.files.some((f) => target.default.startsWith(`./${f}/`)),
        `${entry} is published`,
      ).toBe(true);
    }
  });

  it('ships the CLI bin and the JSON Schema', () => {
    expect(existsSync(join(root, pkg.bin.nanocode as string))).toBe(true);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'bin', 'schema']));
  });

  it('keeps the main entry free of optional peer dependencies (the AI SDK bridge has its own)', () => {
    const index = readFileSync(join(root, 'src/index.ts'), 'utf8');
    expect(index).not.toContain('adapters/ai-sdk');
    expect(readFileSync(join(root, 'src/ai-sdk.ts'), 'utf8')).toContain('createAiSdkAdapter');
  });
});
