import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../server/parse-dotenv.js';
import { checkDotenvEntry, mergeDotenv, quoteDotenvValue } from './configure-dotenv.js';

describe('quoteDotenvValue', () => {
  it('escapes backslashes, quotes and newlines inside double quotes', () => {
    expect(quoteDotenvValue({ value: 'a"b\\c\nd' })).toBe('"a\\"b\\\\c\\nd"');
  });

  it('round-trips any value without NUL or CR through the parser nanocode serve uses', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((value) => !value.includes('\0') && !value.includes('\r')),
        (value) => {
          const text = mergeDotenv({ text: '', values: { SECRET: value } });
          expect(parseDotenv({ text })).toEqual({ SECRET: value });
        },
      ),
    );
  });

  it('keeps hostile values inert: no second assignment, no shell text, no comment cut', () => {
    const value = 'x"\nINJECTED=1 # $(rm -rf ~) `id` \\" \\n';
    const text = mergeDotenv({ text: '', values: { KEY: value } });
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(parseDotenv({ text })).toEqual({ KEY: value });
  });
});

describe('checkDotenvEntry', () => {
  it('rejects names that are not upper-case identifiers', () => {
    for (const name of ['lower', '1ABC', 'A-B', 'A B', '', 'A=B', 'A\nB']) {
      expect(() => checkDotenvEntry({ name, value: 'v' })).toThrow(/not a variable name/);
    }
    expect(() => checkDotenvEntry({ name: '_OK_1', value: 'v' })).not.toThrow();
  });

  it('rejects NUL and carriage returns in values', () => {
    expect(() => checkDotenvEntry({ name: 'A', value: 'a\0b' })).toThrow(/NUL/);
    expect(() => checkDotenvEntry({ name: 'A', value: 'a\rb' })).toThrow(/carriage/);
  });
});

describe('mergeDotenv', () => {
  it('replaces only the keys being set and keeps comments, blank lines and unknown variables', () => {
    const text = [
      '# my settings',
      'export OPENAI_API_KEY=old',
      '',
      'custom_thing = keep me # note',
      'OPENAI_API_KEY=duplicate',
      'NOT AN ASSIGNMENT',
    ].join('\n');
    const merged = mergeDotenv({ text, values: { OPENAI_API_KEY: 'new', ANTHROPIC_API_KEY: 'a' } });
    expect(merged).toBe(
      [
        '# my settings',
        'OPENAI_API_KEY="new"',
        '',
        'custom_thing = keep me # note',
        'NOT AN ASSIGNMENT',
        'ANTHROPIC_API_KEY="a"',
        '',
      ].join('\n'),
    );
    expect(parseDotenv({ text: merged })).toEqual({
      OPENAI_API_KEY: 'new',
      custom_thing: 'keep me',
      ANTHROPIC_API_KEY: 'a',
    });
  });

  it('does not treat names inherited from Object.prototype as being set', () => {
    expect(mergeDotenv({ text: 'constructor=1\n', values: {} })).toBe('constructor=1\n');
  });

  it('checks every entry before producing text', () => {
    expect(() => mergeDotenv({ text: '', values: { bad: 'x' } })).toThrow(/not a variable name/);
  });
});
