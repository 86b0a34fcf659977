import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import cliDev from '../fixtures/evals-cli-dev.json';
import cliSupport from '../fixtures/evals-cli-support.json';
import { type CliEval, evalReplyFromCli } from '../fixtures/evals-from-cli.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { href, parseHash } from '../router.js';
import { EvalView } from './EvalView.js';

// Eval replies built from real `nanocode eval` output on the examples (fixtures/evals-from-cli.ts).
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    const offset = Number(request.query.get('offset') ?? 0);
    const limit = Number(request.query.get('limit') ?? 100);
    if (request.path === '/api/evals/dev') {
      return { body: evalReplyFromCli({ id: 'dev', cli: cliDev as CliEval, profile: 'dev', offset, limit }) };
    }
    if (request.path === '/api/evals/support') {
      return { body: evalReplyFromCli({ id: 'support', cli: cliSupport as CliEval, offset, limit }) };
    }
    return undefined;
  });
}

describe('EvalView', () => {
  it('shows the cases × constraints matrix, each cell a status in words, each case linking to its run', async () => {
    const requests = serve();
    render(<EvalView evalId="dev" route={parseHash('#/evals/dev')} />);
    const matrix = await screen.findByTestId('eval-matrix');
    expect(requests[0]?.query.get('limit')).toBe('100');
    expect(within(matrix).getByText('Case runs 1–8 of 8')).toBeTruthy();
    expect(within(matrix).getAllByTestId('eval-row')).toHaveLength(8);
    const cells = within(matrix).getAllByTestId('eval-cell');
    expect(cells).toHaveLength(8 * 14);
    const tone = cells.find(
      (cell) =>
        cell.getAttribute('data-constraint') === 'playground/tone' &&
        cell.closest('tr')?.dataset.case === 'short',
    );
    expect(tone?.textContent).toBe('violated');
    expect(tone?.getAttribute('data-status')).toBe('violated');
    const first = (cliDev as CliEval).results[0] as { run_id: string };
    expect(within(matrix).getAllByRole('link', { name: 'short' })[0]?.getAttribute('href')).toBe(
      `#/runs/${first.run_id}`,
    );
    expect(within(matrix).getByRole('columnheader', { name: 'playground/tone' })).toBeTruthy();
    expect(screen.getByTestId('eval-summary').textContent).toContain('8 runs: 6 passed, 2 failed (75.0%)');
  });

  it('gives each constraint its pass rate and the ladder strategies it triggered', async () => {
    serve();
    render(<EvalView evalId="support" route={parseHash('#/evals/support')} />);
    const shape = await screen.findByTestId('eval-constraint-answer/shape');
    const cells = within(shape)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // pass rate, 5 statuses, then retry, repair, fallback, degrade, stop
    expect(cells).toEqual(['100.0%', '2', '0', '0', '0', '0', '4', '2', '0', '0', '0']);
    expect(screen.getByTestId('eval-strategy-fallback').textContent).toBe('2');
    const row = screen.getAllByTestId('eval-row').find((r) => r.dataset.case === 'refunds');
    expect(row?.textContent).toContain('retry 3, repair 1, fallback 1');
    expect(row?.textContent).toContain('met');
  });

  it('filters by outcome and by a constraint with a status, through the address', async () => {
    serve();
    const { unmount } = render(<EvalView evalId="dev" route={parseHash('#/evals/dev?outcome=stopped')} />);
    const matrix = await screen.findByTestId('eval-matrix');
    expect(
      within(matrix)
        .getAllByTestId('eval-row')
        .map((r) => r.dataset.case),
    ).toEqual(['too-long', 'too-long']);
    expect(screen.getByRole('status').textContent).toBe('2 of 8 case runs on this page shown.');
    fireEvent.change(screen.getByLabelText('Constraint'), { target: { value: 'playground/tone' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'violated' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['evals', 'dev']);
    expect(Object.fromEntries(route.query)).toEqual({ constraint: 'playground/tone', status: 'violated' });
    unmount();
    render(<EvalView evalId="dev" route={route} />);
    const filtered = await screen.findByTestId('eval-matrix');
    expect(within(filtered).getAllByTestId('eval-row')).toHaveLength(6);
    expect(
      within(filtered)
        .getAllByTestId('eval-cell')
        .every((c) => c.dataset.constraint === 'playground/tone'),
    ).toBe(true);
  });

  it('says when no case matches, and pages through case runs with offset', async () => {
    const requests = serve();
    const { unmount } = render(<EvalView evalId="dev" route={parseHash('#/evals/dev?status=waived')} />);
    expect((await screen.findByTestId('eval-matrix-empty')).textContent).toBe(
      'No case run on this page matches the filters.',
    );
    unmount();
    render(
      <EvalView
        evalId="dev"
        route={parseHash(href(['evals', 'dev'], { offset: '4', outcome: 'stopped' }))}
      />,
    );
    const matrix = await screen.findByTestId('eval-matrix');
    expect(requests.at(-1)?.query.get('offset')).toBe('4');
    expect(within(matrix).getByText('Case runs 5–8 of 8, 2 matching the filters')).toBeTruthy();
    const previous = screen.getByRole('link', { name: 'Previous cases' });
    expect(Object.fromEntries(parseHash(previous.getAttribute('href') ?? '').query)).toEqual({
      outcome: 'stopped',
    });
    expect(screen.queryByTestId('eval-next-page')).toBeNull();
  });

  it("shows the server's error for an unknown eval", async () => {
    serve();
    render(<EvalView evalId="nope" route={parseHash('#/evals/nope')} />);
    expect((await screen.findByRole('alert')).textContent).toContain('NC_API_NOT_FOUND');
  });
});
