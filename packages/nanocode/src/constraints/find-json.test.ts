import { describe, expect, it } from 'vitest';
import { FIND_JSON_MAX_STARTS, findJson } from './find-json.js';

describe('findJson', () => {
  it('finds the first parseable object or array, string-aware', () => {
    expect(findJson({ text: 'x ["a]", {"b": "\\"}"}] y' })).toEqual({
      start: 2,
      end: 22,
      value: ['a]', { b: '"}' }],
    });
  });

  it('skips an unclosed or unparseable start and finds a later value', () => {
    expect(findJson({ text: '[ oops {"a": 1}' })?.value).toEqual({ a: 1 });
    expect(findJson({ text: '{x} {"a": 1}' })?.value).toEqual({ a: 1 });
  });

  it('gives up after a bounded number of starts', () => {
    const text = `${'{'.repeat(FIND_JSON_MAX_STARTS + 1)} {"a": 1}`;
    expect(findJson({ text })).toBeUndefined();
    expect(findJson({ text: '[['.repeat(50_000) })).toBeUndefined();
  });
});
