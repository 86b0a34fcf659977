import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVAL_DEV, EVAL_DEV_PAGES } from '../fixtures/evals-recorded.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { getEval, getEvalAllCases, listEvals } from './evals.js';

afterEach(() => vi.unstubAllGlobals());

describe('eval client', () => {
  it('sends the server-side filters and paging', async () => {
    const requests = mockApi(() => ({ body: EVAL_DEV }));
    await getEval({
      id: EVAL_DEV.eval.eval_id,
      limit: 3,
      offset: 6,
      query: { outcome: 'stopped', constraint: 'playground/tone', constraint_status: 'violated' },
    });
    expect(requests[0]?.path).toBe(`/api/evals/${EVAL_DEV.eval.eval_id}`);
    expect(Object.fromEntries(requests[0]?.query ?? [])).toEqual({
      limit: '3',
      offset: '6',
      outcome: 'stopped',
      constraint: 'playground/tone',
      constraint_status: 'violated',
    });
    const list = mockApi(() => ({ body: { evals: [] } }));
    await listEvals({ workflow: 'support-answer' });
    expect(list[0]?.query.get('workflow')).toBe('support-answer');
  });

  it('reads every page of an eval for a comparison, and says when a cap cut it short', async () => {
    const requests = mockApi((request) => {
      const offset = Number(request.query.get('offset'));
      return { body: EVAL_DEV_PAGES[offset / 3] };
    });
    const whole = await getEvalAllCases({ id: 'dev', pageSize: 3 });
    expect(requests.map((r) => r.query.get('offset'))).toEqual(['0', '3', '6']);
    expect(whole.complete).toBe(true);
    expect(whole.detail.cases.map((row) => row.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(whole.detail.cases).toEqual(EVAL_DEV.cases);
    const capped = await getEvalAllCases({ id: 'dev', pageSize: 3, maxPages: 2 });
    expect(capped.complete).toBe(false);
    expect(capped.detail.cases).toHaveLength(6);
  });
});
