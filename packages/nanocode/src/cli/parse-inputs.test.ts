import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import { parseInputFileText, parseInputPair, parseInputs } from './parse-inputs.js';

describe('parseInputPair', () => {
  it('splits on the first =', () => {
    expect(parseInputPair({ pair: 'q=a=b' })).toEqual(['q', 'a=b']);
    expect(parseInputPair({ pair: 'n=3' })).toEqual(['n', 3]);
  });

  it('refuses a pair without key or =', () => {
    for (const pair of ['question', '=value']) {
      expect(() => parseInputPair({ pair })).toThrow(expect.objectContaining({ code: 'NC_CLI_INPUT' }));
    }
  });
});

describe('parseInputFileText', () => {
  it('reads YAML and JSON objects', () => {
    expect(parseInputFileText({ text: 'question: hi\nn: 2\n', file: 'in.yaml' })).toEqual({
      question: 'hi',
      n: 2,
    });
    expect(parseInputFileText({ text: '{"question": "hi"}', file: 'in.json' })).toEqual({ question: 'hi' });
  });

  it('points at the line of a syntax error', () => {
    let error: unknown;
    try {
      parseInputFileText({ text: 'a: 1\nb: [1, 2\n', file: 'in.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NanocodeError);
    const e = error as NanocodeError;
    expect(e.code).toBe('NC_CLI_INPUT');
    expect(e.location?.file).toBe('in.yaml');
    expect(e.format()).toMatch(/^in\.yaml:\d+:\d+ NC_CLI_INPUT /);
  });

  it('refuses a document that is not an object', () => {
    expect(() => parseInputFileText({ text: '- a\n- b\n', file: 'in.yaml' })).toThrow(/must hold an object/);
    expect(() => parseInputFileText({ text: '42', file: 'in.json' })).toThrow(/must hold an object/);
  });
});

describe('parseInputs', () => {
  it('lets --input override the file, and refuses a key given twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-inputs-'));
    await writeFile(join(dir, 'in.yaml'), 'question: from file\ncontext: ctx\n');
    const inputs = await parseInputs({ pairs: ['question=from flag'], file: 'in.yaml', cwd: dir });
    expect(inputs).toEqual({ question: 'from flag', context: 'ctx' });
    await expect(parseInputs({ pairs: ['a=1', 'a=2'], cwd: dir })).rejects.toThrow(/given twice/);
  });

  it('reports an unreadable file as NC_CLI_INPUT', async () => {
    await expect(parseInputs({ pairs: [], file: 'missing.json', cwd: tmpdir() })).rejects.toMatchObject({
      code: 'NC_CLI_INPUT',
    });
  });

  it('keeps a __proto__ key as data', async () => {
    const inputs = await parseInputs({ pairs: ['__proto__={"polluted":true}'], cwd: tmpdir() });
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.keys(inputs)).toEqual(['__proto__']);
  });
});
