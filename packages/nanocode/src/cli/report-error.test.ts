import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { displayPath, errorToJson, formatError, reportError } from './report-error.js';

function memoryIo(env: Record<string, string> = {}): CliIo & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: { write: () => {} },
    stderr: { write: (t) => err.push(t) },
    stdoutIsTty: false,
    env,
    cwd: '.',
  };
}

/** Stands in for the loader's ConfigLoadError: a NanocodeError that bundles others. */
class Bundle extends NanocodeError {
  readonly errors: NanocodeError[];
  constructor(errors: NanocodeError[]) {
    super({ code: errors[0]!.code, message: `${errors.length} problems` });
    this.errors = errors;
  }
}

const located = new NanocodeError({
  code: 'NC_CFG_UNKNOWN_KEY',
  message: 'unknown key `severty`',
  location: { file: 'wf.yaml', line: 6, column: 5 },
  hint: 'did you mean `severity`?',
});

describe('reportError', () => {
  it('prints every bundled error on its own line and maps config errors to 65', () => {
    const io = memoryIo();
    const second = new NanocodeError({ code: 'NC_CFG_MISSING_KEY', message: 'missing `name`' });
    expect(reportError({ error: new Bundle([located, second]), io })).toBe(65);
    expect(io.err).toEqual([
      'wf.yaml:6:5 NC_CFG_UNKNOWN_KEY unknown key `severty` (did you mean `severity`?)\n',
      'NC_CFG_MISSING_KEY missing `name`\n',
    ]);
  });

  it('prints an unexpected error as one NC_RUN_INTERNAL line without a stack, exit 1', () => {
    const io = memoryIo();
    expect(reportError({ error: new TypeError('x is undefined'), io })).toBe(1);
    expect(io.err[0]).toBe('NC_RUN_INTERNAL x is undefined\n');
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
  });

  it('adds the stack under NANOCODE_DEBUG=1', () => {
    const io = memoryIo({ NANOCODE_DEBUG: '1' });
    reportError({ error: new Error('boom'), io });
    expect(io.err.join('')).toMatch(/\n\s+at /);
  });
});

describe('errorToJson', () => {
  it('keeps codes, locations and bundled errors', () => {
    expect(errorToJson({ error: new Bundle([located]) })).toMatchObject({
      code: 'NC_CFG_UNKNOWN_KEY',
      errors: [{ code: 'NC_CFG_UNKNOWN_KEY', location: { file: 'wf.yaml', line: 6, column: 5 } }],
    });
    expect(errorToJson({ error: 'weird' })).toEqual({ code: 'NC_RUN_INTERNAL', message: 'weird' });
  });
});

describe('formatError', () => {
  it('shows files inside the working directory relative to it', () => {
    const error = new NanocodeError({
      code: 'NC_CFG_PARSE',
      message: 'bad YAML',
      location: { file: '/home/u/proj/workflows/a.yaml', line: 2, column: 3 },
    });
    expect(formatError({ error, cwd: '/home/u/proj' })).toBe('workflows/a.yaml:2:3 NC_CFG_PARSE bad YAML');
    expect(formatError({ error, cwd: '/elsewhere' })).toBe(
      '/home/u/proj/workflows/a.yaml:2:3 NC_CFG_PARSE bad YAML',
    );
    expect(displayPath({ file: 'rel.yaml', cwd: '/x' })).toBe('rel.yaml');
  });
});
