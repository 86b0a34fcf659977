import { describe, expect, it } from 'vitest';
import { evalQueryFrom, evalQueryTo, evalServerQuery } from './eval-filter.js';

describe('eval view filters in the page address', () => {
  it('reads outcome, constraint, status and page, and hands the server what it filters', () => {
    const view = evalQueryFrom(
      new URLSearchParams('outcome=stopped&constraint=playground/tone&status=violated&offset=100'),
    );
    expect(view).toEqual({
      outcome: 'stopped',
      constraint: 'playground/tone',
      status: 'violated',
      offset: 100,
      ignored: [],
    });
    expect(evalServerQuery(view)).toEqual({
      outcome: 'stopped',
      constraint: 'playground/tone',
      constraint_status: 'violated',
    });
    expect(evalQueryTo(view)).toEqual({
      outcome: 'stopped',
      constraint: 'playground/tone',
      status: 'violated',
      offset: '100',
    });
  });

  it('keeps a constraint alone as a column choice, not a server filter', () => {
    const view = evalQueryFrom(new URLSearchParams('constraint=playground/tone'));
    expect(evalServerQuery(view)).toEqual({});
    expect(view.constraint).toBe('playground/tone');
  });

  it('drops malformed values with a reason', () => {
    const view = evalQueryFrom(new URLSearchParams('outcome=great&status=violated&offset=-3'));
    expect(view.outcome).toBeUndefined();
    expect(view.status).toBeUndefined();
    expect(view.offset).toBe(0);
    expect(view.ignored).toEqual(['outcome "great" is not an outcome', 'a status filter needs a constraint']);
  });
});
