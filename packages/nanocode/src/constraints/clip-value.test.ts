import { describe, expect, it } from 'vitest';
import { clipValue, EVIDENCE_VALUE_MAX_CHARS } from './clip-value.js';

describe('clipValue', () => {
  it('keeps small values and clips long strings and objects', () => {
    expect(clipValue('short')).toBe('short');
    expect(clipValue(3)).toBe(3);
    expect(clipValue({ a: 1 })).toEqual({ a: 1 });
    const long = clipValue('y'.repeat(500)) as string;
    expect(long).toHaveLength(EVIDENCE_VALUE_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect((clipValue({ big: 'z'.repeat(500) }) as string).length).toBe(EVIDENCE_VALUE_MAX_CHARS);
  });
});
