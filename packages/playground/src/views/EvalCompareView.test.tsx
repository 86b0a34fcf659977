import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import cliDev from '../fixtures/evals-cli-dev.json';
import cliProd from '../fixtures/evals-cli-prod.json';
import { type CliEval, evalReplyFromCli } from '../fixtures/evals-from-cli.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { parseHash } from '../router.js';
import { EvalCompareView } from './EvalCompareView.js';

// The same dataset under profile dev and prod (prod waives playground.tone): replies built from real
// `nanocode eval` output (fixtures/evals-from-cli.ts), served a few case rows per page.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    const offset = Number(request.query.get('offset') ?? 0);
    const limit = Math.min(3, Number(request.query.get('limit') ?? 3));
    if (request.path === '/api/evals/dev') {
      return { body: evalReplyFromCli({ id: 'dev', cli: cliDev as CliEval, profile: 'dev', offset, limit }) };
    }
    if (request.path === '/api/evals/prod') {
      return {
        body: evalReplyFromCli({ id: 'prod', cli: cliProd as CliEval, profile: 'prod', offset, limit }),
      };
    }
    return undefined;
  });
}

describe('EvalCompareView', () => {
  it('reads every page of both evals and lists the cases whose statuses changed', async () => {
    const requests = serve();
    render(<EvalCompareView route={parseHash('#/evals/compare?a=dev&b=prod')} />);
    const cases = await screen.findByTestId('eval-compare-cases');
    expect(requests.filter((r) => r.path === '/api/evals/dev').map((r) => r.query.get('offset'))).toEqual([
      '0',
      '3',
      '6',
    ]);
    const rows = within(cases).getAllByTestId('eval-compare-case');
    expect(rows.map((r) => r.dataset.case)).toEqual(['short', 'short', 'named', 'named', 'empty', 'empty']);
    expect(rows[0]?.textContent).toContain('playground/tone violated → waived');
    expect(within(cases).getByText(/6 changed, 2 unchanged/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('6 changed cases, 2 unchanged.');
    const links = within(rows[0]!).getAllByRole('link');
    expect(links[0]?.getAttribute('aria-label')).toBe('Run A of short, repeat 1: certified_with_exceptions');
  });

  it('shows pass rates of A and B with the change in words', async () => {
    serve();
    render(<EvalCompareView route={parseHash('#/evals/compare?a=dev&b=prod')} />);
    const rates = await screen.findByTestId('eval-compare-constraints');
    const passed = within(rates).getByRole('row', { name: /Cases passed/ });
    expect(passed.textContent).toContain('75.0%');
    expect(passed.textContent).toContain('±0.0 pp (same)');
    const input = within(rates).getByRole('row', { name: /\$input\/sane-input/ });
    expect(input.textContent).toContain('75.0%');
    expect(screen.getByTestId('eval-compare-strategies')).toBeTruthy();
  });

  it('explains how to pick evals when the address names none', () => {
    serve();
    render(<EvalCompareView route={parseHash('#/evals/compare')} />);
    expect(screen.getByText(/Pick two evals to compare/)).toBeTruthy();
  });
});
