import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NanocodeError } from '../spec/errors.js';
import { ConfigLoadError } from './config-load-error.js';
import { loadConfig } from './load-config.js';
import { validateFiles } from './validate-files.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/malformed/', import.meta.url));

/** JSON has no comments, so JSON fixtures declare what they expect here. */
const JSON_EXPECTATIONS: Record<string, string> = {
  'json-syntax-trailing-comma.json': 'NC_CFG_PARSE 5:1',
  'json-syntax-missing-colon.json': 'NC_CFG_PARSE 3:13',
  'json-unknown-key.json': 'NC_CFG_UNKNOWN_KEY 9:60',
  'json-wrong-type.json': 'NC_CFG_INVALID_TYPE 8:21',
  'json-duplicate-key.json': 'NC_CFG_DUPLICATE_KEY 4:3',
  'json-missing-key.json': 'NC_CFG_MISSING_KEY 1:1',
  'json-bad-regex.json': 'NC_CFG_INVALID_REGEX 8:64',
  'json-profile-bad-waiver.json': 'NC_CFG_INVALID_WAIVER 5:77',
  'json-templates-unknown-kind.json': 'NC_CFG_UNKNOWN_KIND 4:51',
};

interface Expectation {
  name: string;
  code: string;
  /** Relative to the fixture directory; the fixture itself unless the header names another file. */
  file: string;
  line: number;
  column: number;
  profile: string | undefined;
}

function expectationOf(name: string): Expectation {
  const text = readFileSync(join(DIR, name), 'utf8');
  const declared = name.endsWith('.json') ? JSON_EXPECTATIONS[name] : /^# expect: (.+)$/m.exec(text)?.[1];
  if (!declared) throw new Error(`${name} declares no expectation`);
  const parts = declared.trim().split(/\s+/);
  const [line, column] = (parts.at(-1) ?? '').split(':').map(Number);
  return {
    name,
    code: parts[0] ?? '',
    file: parts.length === 3 ? (parts[1] ?? '') : name,
    line: line ?? 0,
    column: column ?? 0,
    profile: /^# profile: (\S+)$/m.exec(text)?.[1],
  };
}

async function errorsOf(expectation: Expectation): Promise<NanocodeError[]> {
  const file = join(DIR, expectation.name);
  const kind = /^(?:kind: |\s*"kind": ")(\w+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? 'workflow';
  if (kind === 'profile' || kind === 'templates')
    return (await validateFiles({ files: [file], env: {} })).errors;
  try {
    await loadConfig({
      workflowFile: file,
      env: {},
      ...(expectation.profile ? { profile: expectation.profile } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigLoadError) return error.errors;
    throw error;
  }
  return [];
}

const fixtures = readdirSync(DIR)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort()
  .map(expectationOf);

describe('malformed fixtures', () => {
  it('has at least 45 fixtures of every file kind and format', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    expect(fixtures.filter((f) => f.name.endsWith('.json')).length).toBeGreaterThanOrEqual(5);
    expect(fixtures.some((f) => f.name.startsWith('profile-'))).toBe(true);
    expect(fixtures.some((f) => f.name.startsWith('templates-'))).toBe(true);
  });

  it.each(fixtures)('$name fails with $code at $line:$column', async (expectation) => {
    const errors = await errorsOf(expectation);
    const first = errors[0];
    expect(first, 'the fixture must fail to load').toBeDefined();
    expect({
      code: first?.code,
      file: relative(DIR, first?.location?.file ?? ''),
      line: first?.location?.line,
      column: first?.location?.column,
    }).toEqual({
      code: expectation.code,
      file: expectation.file,
      line: expectation.line,
      column: expectation.column,
    });
    for (const error of errors) {
      const text = error.format();
      expect(text).not.toContain('    at ');
      expect(text).not.toContain('ZodError');
      expect(text).not.toMatch(/\n/);
      expect(error.message.length).toBeGreaterThan(10);
    }
  });
});
