import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, resolveListLimit } from './list-limit.js';

describe('resolveListLimit', () => {
  it('defaults to 50 and caps at 1000', () => {
    expect(resolveListLimit({ limit: undefined })).toBe(DEFAULT_LIST_LIMIT);
    expect(DEFAULT_LIST_LIMIT).toBe(50);
    expect(resolveListLimit({ limit: 1 })).toBe(1);
    expect(resolveListLimit({ limit: 1000 })).toBe(1000);
    expect(resolveListLimit({ limit: 1001 })).toBe(MAX_LIST_LIMIT);
    expect(MAX_LIST_LIMIT).toBe(1000);
  });

  it('rejects limits that are not positive integers', () => {
    for (const limit of [0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveListLimit({ limit })).toThrow(expect.objectContaining({ code: 'NC_STORE_INPUT' }));
    }
  });
});
