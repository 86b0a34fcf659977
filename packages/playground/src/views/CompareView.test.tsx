import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../fixtures/runs-mock-api.js';
import devRun from '../fixtures/runs-run-constraint-playground.json';
import prodRun from '../fixtures/runs-run-constraint-playground-prod.json';
import { href, parseHash } from '../router.js';
import { CompareView } from './CompareView.js';

// Two recorded runs of constraint-playground: default profile, and `prod` with its waiver on `tone`.
const A = devRun.summary.run_id;
const B = prodRun.summary.run_id;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serveRuns() {
  return mockApi((request) => {
    if (request.path === `/api/runs/${A}`) return { body: devRun };
    if (request.path === `/api/runs/${B}`) return { body: prodRun };
    return undefined;
  });
}

describe('CompareView', () => {
  it('puts two runs side by side and marks what differs in words, not only colour', async () => {
    serveRuns();
    render(<CompareView route={parseHash(href(['compare'], { a: A, b: B }))} />);
    const table = await screen.findByTestId('compare-table');
    expect(within(table).getByText(/Run A compared with Run B: 3 differences/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Compared: 3 differences.');
    const tone = screen.getByTestId('compare-row-constraint:playground/tone');
    expect(tone.className).toBe('changed');
    expect(tone.textContent).toContain('violated; last verdict fail');
    expect(tone.textContent).toContain('waived; last verdict fail');
    expect(tone.textContent).toContain('≠ differs');
    expect(tone.textContent).toContain('waived by risk-office');
    const length = screen.getByTestId('compare-row-constraint:playground/length');
    expect(length.className).toBe('');
    expect(length.textContent).toContain('= same');
    expect(screen.getByTestId('compare-row-profile').textContent).toContain('prod');
    expect(screen.getByRole('link', { name: A })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Run B' })).toBeTruthy();
  });

  it('can show only the differences', async () => {
    serveRuns();
    render(<CompareView route={parseHash(href(['compare'], { a: A, b: B }))} />);
    await screen.findByTestId('compare-table');
    fireEvent.click(screen.getByLabelText('Show only differences'));
    const rows = screen.getAllByTestId(/^compare-row-/).map((row) => row.getAttribute('data-testid'));
    expect(rows.sort()).toEqual([
      'compare-row-config',
      'compare-row-constraint:playground/tone',
      'compare-row-profile',
    ]);
  });

  it("shows the server's error when a run is missing", async () => {
    serveRuns();
    render(<CompareView route={parseHash(href(['compare'], { a: A, b: 'no-such-run' }))} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NC_API_NOT_FOUND');
  });

  it('explains how to pick runs when the address names none', () => {
    serveRuns();
    render(<CompareView route={parseHash('#/compare')} />);
    expect(screen.getByText(/Pick two runs to compare/)).toBeTruthy();
  });
});
