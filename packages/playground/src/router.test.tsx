import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.js';

describe('hash routes', () => {
  it('round-trips segments and query values through href and parseHash', () => {
    const link = href(['runs', 'run 1/x'], { a: 'b c', empty: '', gone: undefined });
    expect(link).toBe('#/runs/run%201%2Fx?a=b+c');
    const route = parseHash(link);
    expect(route.segments).toEqual(['runs', 'run 1/x']);
    expect(route.query.get('a')).toBe('b c');
    expect(route.query.has('empty')).toBe(false);
  });

  it('reads an empty hash as the home route', () => {
    expect(parseHash('').segments).toEqual([]);
    expect(parseHash('#/').segments).toEqual([]);
  });

  it('keeps a segment with a broken escape as written instead of throwing', () => {
    expect(parseHash('#/runs/%E0%A4%A').segments).toEqual(['runs', '%E0%A4%A']);
    expect(parseHash('#/workflows/100%').segments).toEqual(['workflows', '100%']);
  });
});
