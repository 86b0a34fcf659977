import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import badFilter from '../fixtures/runs-error-bad-filter.json';
import list from '../fixtures/runs-list.json';
import violated from '../fixtures/runs-list-violated.json';
import { mockApi } from '../fixtures/runs-mock-api.js';
import workflows from '../fixtures/runs-workflows.json';
import { parseHash } from '../router.js';
import { RUNS_PAGE_SIZE, RunsView } from './RunsView.js';

// Replies recorded from `nanocode serve` on the examples (fixtures/runs-record.mjs).

beforeEach(() => {
  globalThis.location.hash = '#/runs';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve(runs: (query: URLSearchParams) => { status?: number; body: unknown }) {
  return mockApi((request) => {
    if (request.path === '/api/workflows') return { body: workflows };
    if (request.path === '/api/runs') return runs(request.query);
    return undefined;
  });
}

describe('RunsView', () => {
  it('lists runs from the server, each linking to its run, with a status message', async () => {
    const requests = serve(() => ({ body: list }));
    render(<RunsView route={parseHash('#/runs')} />);
    await screen.findByTestId('runs-table');
    expect(screen.getByTestId('runs-status').textContent).toBe('6 runs shown, newest first.');
    const table = screen.getByRole('table', { name: 'All runs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(6);
    const first = list.runs[0]!;
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe(`#/runs/${first.run_id}`);
    expect(rows[0]!.textContent).toContain('stopped');
    expect(rows[1]!.textContent).toContain('support-answer');
    const listing = requests.find((r) => r.path === '/api/runs');
    expect(listing?.query.get('limit')).toBe(String(RUNS_PAGE_SIZE));
  });

  it('sends the filters in the address to the server and shows them in the form', async () => {
    const requests = serve(() => ({ body: violated }));
    render(
      <RunsView
        route={parseHash(
          '#/runs?constraint=sane-input&constraint_status=violated&workflow=constraint-playground',
        )}
      />,
    );
    await screen.findByTestId('runs-table');
    const listing = requests.find((r) => r.path === '/api/runs');
    expect(listing?.query.get('constraint')).toBe('sane-input');
    expect(listing?.query.get('constraint_status')).toBe('violated');
    expect(listing?.query.get('workflow')).toBe('constraint-playground');
    expect((screen.getByTestId('runs-filter-constraint') as HTMLInputElement).value).toBe('sane-input');
    expect((screen.getByLabelText('Constraint final status') as HTMLSelectElement).value).toBe('violated');
    expect(screen.getByRole('table', { name: 'Runs matching the filters' })).toBeTruthy();
    expect(screen.getByTestId('runs-status').textContent).toBe('1 run shown, newest first.');
  });

  it('puts applied filters in the page address, so the filtered view is a link', async () => {
    serve(() => ({ body: list }));
    render(<RunsView route={parseHash('#/runs')} />);
    await screen.findByTestId('runs-table');
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'certified_with_exceptions' } });
    fireEvent.change(screen.getByLabelText('Constraint id'), { target: { value: 'tone' } });
    fireEvent.change(screen.getByLabelText('Constraint final status'), { target: { value: 'waived' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['runs']);
    expect(Object.fromEntries(route.query)).toEqual({
      outcome: 'certified_with_exceptions',
      constraint: 'tone',
      constraint_status: 'waived',
    });
  });

  it('clears every filter: the draft and the address', async () => {
    serve(() => ({ body: violated }));
    globalThis.location.hash = '#/runs?workflow=constraint-playground&outcome=stopped';
    render(<RunsView route={parseHash(globalThis.location.hash)} />);
    await screen.findByTestId('runs-table');
    expect((screen.getByTestId('runs-filter-workflow') as HTMLInputElement).value).toBe(
      'constraint-playground',
    );
    fireEvent.click(screen.getByTestId('runs-filter-clear'));
    expect((screen.getByTestId('runs-filter-workflow') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('runs-filter-outcome') as HTMLSelectElement).value).toBe('');
    expect(globalThis.location.hash).toBe('#/runs');
  });

  it('refuses half a constraint filter with a message, without navigating', async () => {
    serve(() => ({ body: list }));
    render(<RunsView route={parseHash('#/runs')} />);
    await screen.findByTestId('runs-table');
    fireEvent.change(screen.getByLabelText('Constraint id'), { target: { value: 'tone' } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Give both the constraint id and its final status',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(globalThis.location.hash).toBe('#/runs');
  });

  it('compares two ticked runs; a third cannot be ticked until one is unticked', async () => {
    serve(() => ({ body: list }));
    render(<RunsView route={parseHash('#/runs')} />);
    await screen.findByTestId('runs-table');
    const [a, b, c] = list.runs.map((run) => run.run_id);
    const compare = screen.getByRole('button', { name: 'Compare selected runs' }) as HTMLButtonElement;
    expect(compare.disabled).toBe(true);
    fireEvent.click(screen.getByTestId(`run-select-${a}`));
    expect(compare.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(`Select run ${b!.slice(0, 8)} (support-answer) for comparison`));
    expect(compare.disabled).toBe(false);
    expect((screen.getByTestId(`run-select-${c}`) as HTMLInputElement).disabled).toBe(true);
    expect(compare.getAttribute('aria-describedby')).not.toBeNull();
    const selection = document.getElementById(compare.getAttribute('aria-describedby') ?? '');
    expect(selection?.textContent).toBe(
      `Selected ${a!.slice(0, 8)} (A) and ${b!.slice(0, 8)} (B); untick one to pick another.`,
    );
    fireEvent.click(compare);
    const route = parseHash(globalThis.location.hash);
    expect(route.segments).toEqual(['compare']);
    expect(route.query.get('a')).toBe(a);
    expect(route.query.get('b')).toBe(b);
  });

  it('clears the selection with one button', async () => {
    serve(() => ({ body: list }));
    render(<RunsView route={parseHash('#/runs')} />);
    await screen.findByTestId('runs-table');
    const [a] = list.runs.map((run) => run.run_id);
    expect(screen.queryByRole('button', { name: 'Clear selection' })).toBeNull();
    fireEvent.click(screen.getByTestId(`run-select-${a}`));
    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect((screen.getByTestId(`run-select-${a}`) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('Tick two runs to compare them.')).toBeTruthy();
  });

  it("shows the server's error code and the problem it points at", async () => {
    serve(() => ({ status: 400, body: badFilter }));
    render(<RunsView route={parseHash('#/runs')} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NC_API_BAD_REQUEST');
    expect(alert.textContent).toContain('constraint and constraint_status go together');
  });

  it('says when nothing matches, and when there are no runs at all', async () => {
    serve(() => ({ body: { runs: [] } }));
    const { unmount } = render(<RunsView route={parseHash('#/runs?outcome=degraded')} />);
    expect((await screen.findByTestId('runs-empty')).textContent).toBe('No runs match these filters.');
    unmount();
    render(<RunsView route={parseHash('#/runs')} />);
    expect((await screen.findByTestId('runs-empty')).textContent).toContain('No runs yet');
  });

  it("pages to older runs with the server's next_cursor, keeping the filters", async () => {
    const template = list.runs[1]!;
    // Every run of the page starts at the same instant: only the cursor tells where the next page starts.
    const page = Array.from({ length: RUNS_PAGE_SIZE }, (_, i) => ({ ...template, run_id: `run-${i}` }));
    const requests = serve((query) =>
      query.get('cursor') === 'c1'
        ? { body: { runs: page.slice(0, 3) } }
        : { body: { runs: page, next_cursor: 'c1' } },
    );
    const { unmount } = render(<RunsView route={parseHash('#/runs?workflow=support-answer')} />);
    const older = await screen.findByTestId('runs-older');
    const route = parseHash(older.getAttribute('href') ?? '');
    expect(route.query.get('cursor')).toBe('c1');
    expect(route.query.get('before')).toBeNull();
    expect(route.query.get('workflow')).toBe('support-answer');
    unmount();

    render(<RunsView route={route} />);
    await screen.findByTestId('runs-table');
    const listing = requests.filter((r) => r.path === '/api/runs').at(-1);
    expect(listing?.query.get('cursor')).toBe('c1');
    expect(listing?.query.get('workflow')).toBe('support-answer');
    expect(screen.getByTestId('runs-status').textContent).toBe('3 runs shown, newest first, older page.');
    // The last page has no next_cursor: no "Older runs" link, and a way back to the newest.
    expect(screen.queryByTestId('runs-older')).toBeNull();
    expect(screen.getByRole('link', { name: 'Newest runs' }).getAttribute('href')).not.toContain('cursor');
  });
});
