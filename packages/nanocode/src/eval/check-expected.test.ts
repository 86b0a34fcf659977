import { describe, expect, it } from 'vitest';
import { checkExpected } from './check-expected.js';

describe('checkExpected', () => {
  it('compares a text expectation with the text output, surrounding whitespace aside', () => {
    expect(checkExpected({ expected: 'Hello', output: ' Hello\n', released: true })).toEqual({ ok: true });
    expect(checkExpected({ expected: 'Hello', output: 'Hi', released: true })).toMatchObject({
      ok: false,
      message: 'expected "Hello", got "Hi"',
    });
  });

  it('deep-compares only the listed fields of an object output', () => {
    const output = { answer: 'yes', quotes: ['a', { b: 1 }], extra: true };
    expect(checkExpected({ expected: { quotes: ['a', { b: 1 }] }, output, released: true }).ok).toBe(true);
    expect(checkExpected({ expected: { quotes: ['a', { b: 2 }] }, output, released: true })).toMatchObject({
      ok: false,
      field: 'quotes',
    });
    expect(checkExpected({ expected: { missing: null }, output, released: true }).ok).toBe(false);
    expect(checkExpected({ expected: { answer: 'yes' }, output: 'yes', released: true }).ok).toBe(false);
  });

  it('compares other expectations with the whole output, and never meets one when nothing was released', () => {
    expect(checkExpected({ expected: [1, 2], output: [1, 2], released: true }).ok).toBe(true);
    expect(checkExpected({ expected: 3, output: '3', released: true }).ok).toBe(false);
    expect(checkExpected({ expected: 'x', output: undefined, released: false })).toMatchObject({
      ok: false,
      message: 'nothing was released',
    });
  });
});
