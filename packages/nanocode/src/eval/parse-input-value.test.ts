import { describe, expect, it } from 'vitest';
import { parseInputValue } from './parse-input-value.js';

describe('parseInputValue', () => {
  it('parses JSON objects, arrays, numbers and booleans', () => {
    expect(parseInputValue({ raw: '{"a":1}' })).toEqual({ a: 1 });
    expect(parseInputValue({ raw: '[1,"x"]' })).toEqual([1, 'x']);
    expect(parseInputValue({ raw: '42' })).toBe(42);
    expect(parseInputValue({ raw: '-1.5' })).toBe(-1.5);
    expect(parseInputValue({ raw: 'true' })).toBe(true);
  });

  it('keeps everything else as the literal string', () => {
    expect(parseInputValue({ raw: 'What is Nanocode?' })).toBe('What is Nanocode?');
    expect(parseInputValue({ raw: 'null' })).toBe('null');
    expect(parseInputValue({ raw: '"quoted"' })).toBe('"quoted"');
    expect(parseInputValue({ raw: '{not json' })).toBe('{not json');
    expect(parseInputValue({ raw: '' })).toBe('');
  });
});
