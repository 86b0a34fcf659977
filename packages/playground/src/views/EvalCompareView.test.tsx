import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVAL_DEV, EVAL_PROD } from '../fixtures/evals-recorded.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { parseHash } from '../router.js';
import { EvalCompareView } from './EvalCompareView.js';

// The same dataset under profile dev and prod (prod waives playground/tone): recorded replies.
const DEV = EVAL_DEV.eval.eval_id;
const PROD = EVAL_PROD.eval.eval_id;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    if (request.path === `/api/evals/${DEV}`) return { body: EVAL_DEV };
    if (request.path === `/api/evals/${PROD}`) return { body: EVAL_PROD };
    return undefined;
  });
}

describe('EvalCompareView', () => {
  it('lists the cases whose statuses changed between profile A and profile B', async () => {
    const requests = serve();
    render(<EvalCompareView route={parseHash(`#/evals/compare?a=${DEV}&b=${PROD}`)} />);
    const cases = await screen.findByTestId('eval-compare-cases');
    expect(requests.map((r) => r.query.get('limit'))).toEqual(['1000', '1000']);
    const rows = within(cases).getAllByTestId('eval-compare-case');
    expect(rows.map((r) => r.dataset.case)).toEqual(['short', 'short', 'named', 'named', 'empty', 'empty']);
    expect(rows[0]?.textContent).toContain('playground/tone violated → waived');
    expect(within(cases).getByText(/6 changed, 2 unchanged/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('6 changed cases, 2 unchanged.');
    const links = within(rows[0]!).getAllByRole('link');
    expect(links[0]?.getAttribute('aria-label')).toBe('Run A of short, repeat 1: certified_with_exceptions');
    expect(links[0]?.getAttribute('href')).toBe(`#/runs/${EVAL_DEV.cases[0]?.run_id}`);
    expect(screen.getByText(/constraint-playground under dev/)).toBeTruthy();
  });

  it('shows pass rates of A and B with the change in words', async () => {
    serve();
    render(<EvalCompareView route={parseHash(`#/evals/compare?a=${DEV}&b=${PROD}`)} />);
    const rates = await screen.findByTestId('eval-compare-constraints');
    const passed = within(rates).getByRole('row', { name: /Cases passed/ });
    expect(passed.textContent).toContain('75.0%');
    expect(passed.textContent).toContain('±0.0 pp (same)');
    const input = within(rates).getByRole('row', { name: /\$input\/sane-input/ });
    expect(input.textContent).toContain('75.0%');
    expect(within(screen.getByTestId('eval-compare-strategies')).getAllByRole('row')).toHaveLength(6);
  });

  it('explains how to pick evals when the address names none', () => {
    serve();
    render(<EvalCompareView route={parseHash('#/evals/compare')} />);
    expect(screen.getByText(/Pick two evals to compare/)).toBeTruthy();
  });
});
