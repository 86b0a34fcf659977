import { describe, expect, it } from 'vitest';
import { joinPointer, selectField } from './select-field.js';

describe('selectField', () => {
  it('follows dot paths through objects and arrays', () => {
    const root = { a: { items: [{ name: 'x' }] } };
    expect(selectField({ root, field: 'a.items.0.name' })).toEqual({
      found: true,
      value: 'x',
      path: '$.a.items[0].name',
    });
    expect(selectField({ root, field: undefined })).toEqual({ found: true, value: root, path: '$' });
  });

  it('reports the path where a field is missing', () => {
    expect(selectField({ root: { a: 1 }, field: 'a.b' })).toEqual({ found: false, path: '$.a.b' });
    expect(selectField({ root: { a: [] }, field: 'a.3' })).toEqual({ found: false, path: '$.a[3]' });
    expect(selectField({ root: 'text', field: 'a' })).toEqual({ found: false, path: '$.a' });
    expect(selectField({ root: {}, field: 'toString' })).toEqual({ found: false, path: '$.toString' });
  });

  it('joins JSON pointers onto a base path', () => {
    expect(joinPointer({ base: '$.data', pointer: '/quotes/0/a~1b' })).toBe('$.data.quotes[0].a/b');
    expect(joinPointer({ base: '$', pointer: '' })).toBe('$');
  });
});
