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
});
