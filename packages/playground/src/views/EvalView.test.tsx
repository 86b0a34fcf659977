import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import halfFilter from '../fixtures/evals-error-half-filter.json';
import notFound from '../fixtures/evals-error-not-found.json';
import {
  EVAL_DEV,
  EVAL_DEV_PAGES,
  EVAL_DEV_STOPPED,
  EVAL_DEV_TONE_VIOLATED,
  EVAL_SUPPORT,
} from '../fixtures/evals-recorded.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { href, parseHash } from '../router.js';
import { EvalView } from './EvalView.js';

// Replies recorded from `nanocode serve` after `nanocode eval` on the examples (fixtures/evals-record.mjs).
const DEV = EVAL_DEV.eval.eval_id;
const SUPPORT = EVAL_SUPPORT.eval.eval_id;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    const q = request.query;
    if (request.path === `/api/evals/${SUPPORT}`) return { body: EVAL_SUPPORT };
    if (request.path !== `/api/evals/${DEV}`) return { status: 404, body: notFound };
    if (q.has('constraint') !== q.has('constraint_status')) return { status: 400, body: halfFilter };
    if (q.get('outcome') === 'stopped') return { body: EVAL_DEV_STOPPED };
    if (q.get('constraint') === 'playground/tone' && q.get('constraint_status') === 'violated') {
      return { body: EVAL_DEV_TONE_VIOLATED };
    }
    if (q.get('offset') === '3') return { body: EVAL_DEV_PAGES[1] };
    return { body: EVAL_DEV };
  });
}

describe('EvalView', () => {
  it('shows the cases × constraints matrix, each cell a status in words, each case linking to its run', async () => {
    const requests = serve();
    render(<EvalView evalId={DEV} route={parseHash(`#/evals/${DEV}`)} />);
    const matrix = await screen.findByTestId('eval-matrix');
    expect(requests[0]?.query.get('limit')).toBe('100');
    expect(within(matrix).getByText('Case runs 1–8 of 8')).toBeTruthy();
    expect(within(matrix).getAllByTestId('eval-row')).toHaveLength(8);
    const cells = within(matrix).getAllByTestId('eval-cell');
    expect(cells).toHaveLength(8 * 14);
    const tone = cells.find(
      (cell) => cell.dataset.constraint === 'playground/tone' && cell.closest('tr')?.dataset.case === 'short',
    );
    expect(tone?.textContent).toBe('violated');
    expect(tone?.dataset.status).toBe('violated');
    const first = EVAL_DEV.cases[0]!;
    expect(within(matrix).getAllByRole('link', { name: first.case_id })[0]?.getAttribute('href')).toBe(
      `#/runs/${first.run_id}`,
    );
    expect(within(matrix).getByRole('columnheader', { name: 'playground/tone' })).toBeTruthy();
    expect(screen.getByTestId('eval-summary').textContent).toContain(
      '8 case runs: 6 passed, 2 failed (75.0%)',
    );
    expect(screen.getByRole('status').textContent).toBe('8 case runs; showing 8.');
  });

  it('gives each constraint its pass rate and the ladder strategies it triggered', async () => {
    serve();
    render(<EvalView evalId={SUPPORT} route={parseHash(`#/evals/${SUPPORT}`)} />);
    const shape = await screen.findByTestId('eval-constraint-answer/shape');
    const cells = within(shape)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // pass rate, then enforced, waived, violated, unchecked, not applicable, then retry, repair, fallback, degrade, stop
    expect(cells).toEqual(['100.0%', '2', '0', '0', '0', '0', '4', '2', '0', '0', '0']);
    expect(screen.getByTestId('eval-strategy-fallback').textContent).toBe('2');
    const row = screen.getAllByTestId('eval-row').find((r) => r.dataset.case === 'refunds');
    expect(row?.textContent).toContain('retry 3, repair 1, fallback 1');
    expect(row?.textContent).toContain('met');
    expect(screen.getByTestId('eval-summary').textContent).toContain('1 of 2 met');
  });

  it('filters on the server by outcome, and by a constraint with its status, through the address', async () => {
    const requests = serve();
    const { unmount } = render(<EvalView evalId={DEV} route={parseHash(`#/evals/${DEV}?outcome=stopped`)} />);
    const matrix = await screen.findByTestId('eval-matrix');
    expect(requests[0]?.query.get('outcome')).toBe('stopped');
    expect(
      within(matrix)
        .getAllByTestId('eval-row')
        .map((r) => r.dataset.case),
    ).toEqual(['too-long', 'too-long']);
    expect(screen.getByRole('status').textContent).toBe('2 matching case runs; showing 2.');
    fireEvent.change(screen.getByLabelText('Constraint'), { target: { value: 'playground/tone' } });
    fireEvent.change(screen.getByLabelText('Status of that constraint'), { target: { value: 'violated' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['evals', DEV]);
    expect(Object.fromEntries(route.query)).toEqual({ constraint: 'playground/tone', status: 'violated' });
    unmount();
    render(<EvalView evalId={DEV} route={route} />);
    const filtered = await screen.findByTestId('eval-matrix');
    expect(requests.at(-1)?.query.get('constraint_status')).toBe('violated');
    expect(within(filtered).getAllByTestId('eval-row')).toHaveLength(6);
    expect(
      within(filtered)
        .getAllByTestId('eval-cell')
        .every((c) => c.dataset.constraint === 'playground/tone'),
    ).toBe(true);
  });

  it('asks for a constraint before filtering on a status', async () => {
    serve();
    render(<EvalView evalId={DEV} route={parseHash(`#/evals/${DEV}`)} />);
    await screen.findByTestId('eval-matrix');
    fireEvent.change(screen.getByLabelText('Status of that constraint'), { target: { value: 'waived' } });
    expect(screen.getByRole('alert').textContent).toBe('Choose the constraint whose status to filter on.');
  });

  it('pages through case runs with offset', async () => {
    const requests = serve();
    render(<EvalView evalId={DEV} route={parseHash(href(['evals', DEV], { offset: '3' }))} />);
    const matrix = await screen.findByTestId('eval-matrix');
    expect(requests.at(-1)?.query.get('offset')).toBe('3');
    expect(within(matrix).getByText('Case runs 4–6 of 8')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Previous cases' }).getAttribute('href')).toBe(`#/evals/${DEV}`);
    expect(screen.getByTestId('eval-next-page').getAttribute('href')).toBe(`#/evals/${DEV}?offset=6`);
  });

  it("shows the server's error for an unknown eval", async () => {
    serve();
    render(<EvalView evalId="no-such-eval" route={parseHash('#/evals/no-such-eval')} />);
    expect((await screen.findByRole('alert')).textContent).toContain('NC_API_NOT_FOUND');
  });
});
