import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestOf } from './digest-of.js';

describe('digestOf', () => {
  it('hashes the RFC 8785 canonical form', () => {
    const canonical = '{"a":[1,"x",true],"b":{"c":null}}';
    const expected = `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
    expect(digestOf({ b: { c: null }, a: [1, 'x', true] })).toBe(expected);
  });

  it('ignores key order but not array order or values', () => {
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
    expect(digestOf([1, 2])).not.toBe(digestOf([2, 1]));
    expect(digestOf({ x: 1 })).not.toBe(digestOf({ x: 1.5 }));
  });
});
