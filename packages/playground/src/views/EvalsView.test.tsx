import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVALS_LIST, EVALS_LIST_PLAYGROUND } from '../fixtures/evals-recorded.js';
import { mockApi } from '../fixtures/runs-mock-api.js';
import { parseHash } from '../router.js';
import { EvalsView } from './EvalsView.js';

// Replies recorded from `nanocode serve` after three `nanocode eval` runs (fixtures/evals-record.mjs).
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve() {
  return mockApi((request) => {
    if (request.path !== '/api/evals') return undefined;
    return {
      body: request.query.get('workflow') === 'constraint-playground' ? EVALS_LIST_PLAYGROUND : EVALS_LIST,
    };
  });
}

const byProfile = (workflow: string, profile: string) =>
  EVALS_LIST.evals.find((e) => e.workflow === workflow && e.profile === profile)!;

describe('EvalsView', () => {
  it('lists stored evals with their status and pass rates, each linking to its matrix', async () => {
    serve();
    render(<EvalsView route={parseHash('#/evals')} />);
    const table = await screen.findByTestId('evals-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const support = rows.find((row) => row.textContent?.includes('support-answer'));
    expect(support?.textContent).toContain('50.0%');
    expect(support?.textContent).toContain('finished');
    const id = byProfile('support-answer', 'default').eval_id;
    expect(within(support!).getByRole('link').getAttribute('href')).toBe(`#/evals/${id}`);
    expect(screen.getByRole('status').textContent).toBe('3 evals shown.');
  });

  it('narrows to one workflow through the address', async () => {
    const requests = serve();
    render(<EvalsView route={parseHash('#/evals?workflow=constraint-playground')} />);
    const table = await screen.findByTestId('evals-table');
    expect(requests[0]?.query.get('workflow')).toBe('constraint-playground');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Workflow'), { target: { value: 'support-answer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filter' }));
    expect(globalThis.location.hash).toBe('#/evals?workflow=support-answer');
  });

  it('compares two ticked evals as A and B', async () => {
    serve();
    render(<EvalsView route={parseHash('#/evals')} />);
    await screen.findByTestId('evals-table');
    const dev = byProfile('constraint-playground', 'dev').eval_id;
    const prod = byProfile('constraint-playground', 'prod').eval_id;
    const support = byProfile('support-answer', 'default').eval_id;
    const compare = screen.getByTestId('eval-compare-button') as HTMLButtonElement;
    fireEvent.click(
      screen.getByLabelText(`Select eval ${dev.slice(0, 8)} (constraint-playground, dev) for comparison`),
    );
    expect(compare.disabled).toBe(true);
    fireEvent.click(screen.getByTestId(`eval-select-${prod}`));
    expect((screen.getByTestId(`eval-select-${support}`) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(compare);
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['evals', 'compare']);
    expect(Object.fromEntries(route.query)).toEqual({ a: dev, b: prod });
  });

  it('says when there is no eval yet', async () => {
    mockApi(() => ({ body: { evals: [] } }));
    render(<EvalsView route={parseHash('#/evals')} />);
    expect((await screen.findByTestId('evals-empty')).textContent).toContain('No evals stored yet');
  });
});
