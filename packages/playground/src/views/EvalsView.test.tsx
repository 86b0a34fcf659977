import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import cliDev from '../fixtures/evals-cli-dev.json';
import cliProd from '../fixtures/evals-cli-prod.json';
import cliSupport from '../fixtures/evals-cli-support.json';
import type { CliEval } from '../fixtures/evals-from-cli.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { parseHash } from '../router.js';
import { EvalsView } from './EvalsView.js';

// A listing built from real `nanocode eval` summaries (fixtures/evals-cli-*.json).
function item(id: string, cli: CliEval, profile: string) {
  const { workflow, dataset, cases, passed, pass_rate } = cli.summary as Record<string, unknown>;
  return { id, workflow, profile, dataset, cases, passed, pass_rate };
}
const EVALS = [
  item('prod', cliProd as CliEval, 'prod'),
  item('dev', cliDev as CliEval, 'dev'),
  item('support', cliSupport as CliEval, 'default'),
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    if (request.path !== '/api/evals') return undefined;
    const workflow = request.query.get('workflow');
    return { body: { evals: EVALS.filter((e) => workflow === null || e.workflow === workflow) } };
  });
}

describe('EvalsView', () => {
  it('lists stored evals with their pass rates, each linking to its matrix', async () => {
    serve();
    render(<EvalsView route={parseHash('#/evals')} />);
    const table = await screen.findByTestId('evals-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('75.0%');
    expect(within(rows[2]!).getByRole('link').getAttribute('href')).toBe('#/evals/support');
    expect(screen.getByRole('status').textContent).toBe('3 evals shown.');
  });

  it('narrows to one workflow through the address', async () => {
    const requests = serve();
    render(<EvalsView route={parseHash('#/evals?workflow=support-answer')} />);
    const table = await screen.findByTestId('evals-table');
    expect(requests[0]?.query.get('workflow')).toBe('support-answer');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Workflow'), { target: { value: 'constraint-playground' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filter' }));
    expect(globalThis.location.hash).toBe('#/evals?workflow=constraint-playground');
  });

  it('compares two ticked evals as A and B', async () => {
    serve();
    render(<EvalsView route={parseHash('#/evals')} />);
    await screen.findByTestId('evals-table');
    const compare = screen.getByTestId('eval-compare-button') as HTMLButtonElement;
    fireEvent.click(screen.getByLabelText('Select eval dev (constraint-playground, dev) for comparison'));
    expect(compare.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('eval-select-prod'));
    expect((screen.getByTestId('eval-select-support') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(compare);
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['evals', 'compare']);
    expect(Object.fromEntries(route.query)).toEqual({ a: 'dev', b: 'prod' });
  });

  it('says when there is no eval yet', async () => {
    mockApi(() => ({ body: { evals: [] } }));
    render(<EvalsView route={parseHash('#/evals')} />);
    expect((await screen.findByTestId('evals-empty')).textContent).toContain('No evals stored yet');
  });
});
