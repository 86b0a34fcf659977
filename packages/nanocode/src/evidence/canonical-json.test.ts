import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import { canonicalJson } from './canonical-json.js';

// The public JCS vectors live beside the repository root, in shared/vectors/jcs-rfc8785.
const vectors = fileURLToPath(new URL('../../../../../shared/vectors/jcs-rfc8785/', import.meta.url));
const haveVectors = existsSync(vectors);
const skipNote = haveVectors ? '' : ` (skipped: vectors folder not found at ${vectors})`;

function float64FromHex(hex: string): number {
  return Buffer.from(hex.padStart(16, '0'), 'hex').readDoubleBE(0);
}

describe('canonicalJson: RFC 8785 vectors', () => {
  const names = haveVectors ? readdirSync(`${vectors}input`).filter((name) => name.endsWith('.json')) : [];

  it.skipIf(!haveVectors)(`matches every cyberphone input/output pair byte for byte${skipNote}`, () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      const input = JSON.parse(readFileSync(`${vectors}input/${name}`, 'utf8'));
      const expected = readFileSync(`${vectors}output/${name}`);
      expect(Buffer.from(canonicalJson(input), 'utf8').equals(expected), name).toBe(true);
    }
  });

  it.skipIf(!haveVectors)(`serializes the ES6 number samples${skipNote}`, () => {
    const lines = readFileSync(`${vectors}es6-number-samples.csv`, 'utf8').trim().split('\n');
    expect(lines.length).toBe(7);
    for (const line of lines) {
      const [hex = '', expected] = line.split(',');
      expect(canonicalJson(float64FromHex(hex)), hex).toBe(expected);
    }
  });

  it.skipIf(!haveVectors)(
    `reproduces the SHA-256 of the first 1,000 generated ES6 number lines${skipNote}`,
    () => {
      // The deterministic generator from the vectors' README: fixed values, then 2,000 subnormal-boundary
      // values, then doubles drawn from an iterated SHA-256. Only the first 1,000 lines are needed here.
      const fixed = readFixedU64s();
      expect(fixed.length).toBeGreaterThan(100);
      const values = fixed.map((u64) => new Float64Array(new BigUint64Array([u64]).buffer)[0] ?? 0);
      for (let i = 0; values.length < 1000; i++) {
        values.push(new Float64Array(new BigUint64Array([0x0010000000000000n + BigInt(i)]).buffer)[0] ?? 0);
      }
      const u64 = new BigUint64Array(1);
      const f64 = new Float64Array(u64.buffer);
      const lines = values.map((value) => {
        f64[0] = value;
        return `${u64[0]?.toString(16)},${canonicalJson(value)}\n`;
      });
      const text = lines.join('');
      expect(Buffer.byteLength(text)).toBe(37967);
      expect(createHash('sha256').update(text).digest('hex')).toBe(
        'be18b62b6f69cdab33a7e0dae0d9cfa869fda80ddc712221570f9f40a5878687',
      );
    },
  );
});

function readFixedU64s(): bigint[] {
  const readme = readFileSync(`${vectors}README.upstream.md`, 'utf8');
  const table = readme.slice(readme.indexOf('staticU64s'), readme.indexOf('staticF64s'));
  return [...table.matchAll(/0x([0-9a-f]+)n/g)].map((match) => BigInt(`0x${match[1]}`));
}

describe('canonicalJson: agreement with the canonicalize package', () => {
  const unicodeString = fc.string({ unit: 'grapheme', maxLength: 12 });
  const key = fc.oneof(unicodeString, fc.string({ unit: 'binary', maxLength: 6 }).filter(wellFormed));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      unicodeString,
      fc.array(tie('node'), { maxLength: 5 }),
      fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    ),
  })).node;

  it('agrees on fc.jsonValue()', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(canonicalJson(json)).toBe(canonicalize(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on values with unicode strings and keys, doubles and -0', () => {
    fc.assert(
      fc.property(value, (json) => {
        expect(canonicalJson(json)).toBe(canonicalize(json));
      }),
      { numRuns: 2000 },
    );
  });
});

function wellFormed(text: string): boolean {
  return !/[\uD800-\uDFFF]/u.test(text);
}

describe('canonicalJson: shapes', () => {
  it('sorts keys by UTF-16 code units, not by code point', () => {
    // U+1F600 is stored as D83D DE00, which sorts before U+FB33 in UTF-16 but after it by code point.
    expect(canonicalJson({ '\uFB33': 1, '\u{1F600}': 2, a: 3 })).toBe('{"a":3,"\u{1F600}":2,"\uFB33":1}');
  });

  it('writes -0 as 0, skips undefined members and keeps nested order', () => {
    expect(canonicalJson({ b: -0, a: undefined, c: [{ z: 1, y: [true, null] }] })).toBe(
      '{"b":0,"c":[{"y":[true,null],"z":1}]}',
    );
    expect(canonicalJson(Object.assign(Object.create(null), { x: 'y' }))).toBe('{"x":"y"}');
  });

  it.each([
    ['NaN', { a: Number.NaN }, '/a'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '/1'],
    ['a lone surrogate', { s: ['ok', '\uD800x'] }, '/s/1'],
    ['a lone surrogate key', { '\uDC00': 1 }, '/\uDC00'],
    ['undefined in an array', [undefined], '/0'],
    ['a bigint', { n: 1n }, '/n'],
    ['a function', { f: () => 1 }, '/f'],
    ['a Date', { d: new Date(0) }, '/d'],
    ['a Map', { 'a/b': new Map() }, '/a~1b'],
  ])('rejects %s with NC_EVIDENCE_NOT_JSON and its path', (_name, input, pointer) => {
    try {
      canonicalJson(input);
      expect.unreachable('canonicalJson should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(NanocodeError);
      expect((error as NanocodeError).code).toBe('NC_EVIDENCE_NOT_JSON');
      expect((error as NanocodeError).details).toEqual({ path: pointer });
    }
  });

  it('rejects cycles but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });
});
