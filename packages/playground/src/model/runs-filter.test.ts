import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, runsFilterFromQuery, runsFilterToQuery } from './runs-filter.js';

describe('runs filter in the page address', () => {
  it('reads every filter the listing route takes', () => {
    const { query, ignored } = runsFilterFromQuery(
      new URLSearchParams(
        'workflow=support-answer&outcome=stopped&status=finished&since=2026-11-01T00:00:00.000Z&before=2026-11-29T15:42:24.506Z&constraint=tone&constraint_status=waived&step=playground',
      ),
    );
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      workflow: 'support-answer',
      outcome: 'stopped',
      status: 'finished',
      since: '2026-11-01T00:00:00.000Z',
      before: '2026-11-29T15:42:24.506Z',
      constraint: 'tone',
      constraint_status: 'waived',
      step: 'playground',
    });
    expect(
      runsFilterFromQuery(
        new URLSearchParams(new URLSearchParams(runsFilterToQuery(query) as Record<string, string>)),
      ).query,
    ).toEqual(query);
  });

  it('drops malformed values with a reason instead of sending them', () => {
    const { query, ignored } = runsFilterFromQuery(
      new URLSearchParams('outcome=great&since=yesterday&constraint=tone&step=x'),
    );
    expect(query).toEqual({});
    expect(ignored).toHaveLength(3);
    expect(ignored.join(' ')).toMatch(/outcome "great"/);
    expect(ignored.join(' ')).toMatch(/both the constraint id and its status/);
    const lone = runsFilterFromQuery(new URLSearchParams('step=x'));
    expect(lone.ignored).toEqual(['a step narrows a constraint filter, and none is given']);
  });

  it('converts between datetime-local values and ISO times', () => {
    const iso = localInputToIso('2026-03-04T05:06');
    expect(iso).toMatch(/^2026-03-0\dT\d\d:06:00\.000Z$/);
    expect(isoToLocalInput(iso)).toBe('2026-03-04T05:06');
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('not a time')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
  });
});
