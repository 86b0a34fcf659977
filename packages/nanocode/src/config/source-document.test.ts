import { describe, expect, it } from 'vitest';
import { parseSourceDocument } from './source-document.js';

const TEXT = 'a:\n  b: [1, { c: x }]\n  d:\n';

describe('parseSourceDocument', () => {
  it('locates values, keys, and the deepest existing ancestor of a missing path', () => {
    const doc = parseSourceDocument({ file: 'f.yaml', text: TEXT });
    expect(doc.errors).toEqual([]);
    expect(doc.locate({ path: ['a', 'b', 1, 'c'], mode: 'value' })).toEqual({
      file: 'f.yaml',
      line: 2,
      column: 15,
    });
    expect(doc.locate({ path: ['a', 'b', 1, 'c'], mode: 'key' })).toEqual({
      file: 'f.yaml',
      line: 2,
      column: 12,
    });
    expect(doc.locate({ path: ['a', 'zz', 'y'], mode: 'value' })).toEqual({
      file: 'f.yaml',
      line: 2,
      column: 3,
    });
    expect(doc.locate({ path: ['a', 'd'], mode: 'value' })).toEqual({ file: 'f.yaml', line: 3, column: 3 });
  });

  it('reports JSON syntax at the position JSON.parse gives, even where YAML would accept it', () => {
    const doc = parseSourceDocument({ file: 'f.json', text: '{\n  "a": 1,\n}\n' });
    expect(doc.errors.map((e) => [e.code, e.location?.line, e.location?.column])).toEqual([
      ['NC_CFG_PARSE', 3, 1],
    ]);
    expect(doc.value).toBeUndefined();
  });

  it('reports duplicate keys with the key name', () => {
    const doc = parseSourceDocument({ file: 'f.yaml', text: 'a: 1\nb: 2\na: 3\n' });
    expect(doc.errors.map((e) => [e.code, e.message, e.location?.line])).toEqual([
      ['NC_CFG_DUPLICATE_KEY', 'duplicate key `a`: a mapping has the same key twice', 3],
    ]);
  });
});
