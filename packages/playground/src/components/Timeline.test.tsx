import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_TO_RISKS_RUN, PLAYGROUND_PROD, SUPPORT_ANSWER } from '../fixtures/recorded.js';
import { buildRunModel } from '../model/run-model.js';
import { Timeline } from './Timeline.js';

afterEach(cleanup);

describe('Timeline (recorded support-answer run)', () => {
  it('shows the ladder: retries, a rate limit and fallback, a repair, and the certified outcome', () => {
    render(<Timeline model={buildRunModel(SUPPORT_ANSWER.run.events)} />);
    const timeline = screen.getByTestId('timeline');
    expect(screen.getByTestId('outcome-badge').textContent).toBe('certified');

    const attempts = within(timeline).getAllByTestId('attempt');
    expect(attempts.map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'Attempt 1 · scripted:primary · first call completed',
      'Attempt 2 · scripted:primary · retry completed',
      'Attempt 3 · scripted:primary · retry failed',
      'Attempt 4 · scripted:backup · fallback completed',
      'Attempt 5 · scripted:backup · retry completed',
    ]);
    expect(attempts[2]?.textContent).toContain('rate_limited (HTTP 429): scripted 429 Too Many Requests');
    expect(attempts[0]?.textContent).toMatch(/Latency\s*0 ms/);

    const moves = within(timeline).getAllByTestId('ladder-move');
    expect(moves.map((m) => m.getAttribute('data-strategy'))).toEqual([
      'retry',
      'retry',
      'fallback',
      'retry',
      'repair',
    ]);
    expect(moves[0]?.textContent).toContain('triggered by failed constraints shape, grounded, calm');
    expect(moves[2]?.textContent).toContain(
      'from scripted:primary to scripted:backup, triggered by adapter error rate_limited',
    );
    expect(within(timeline).getByTestId('repair').textContent).toContain(
      'strip_code_fences (changed the output)',
    );
  });

  it('shows every verdict with its status text and the server message', () => {
    render(<Timeline model={buildRunModel(SUPPORT_ANSWER.run.events)} />);
    const [first] = screen.getAllByTestId('attempt');
    const rows = within(first as HTMLElement).getAllByTestId('verdict');
    expect(
      rows.map((row) => [
        row.getAttribute('data-status'),
        row.querySelector('.verdict-message')?.textContent,
      ]),
    ).toEqual([
      ['fail', 'schema violations: $ must be object'],
      ['fail', 'field `quotes` is missing from the output'],
      ['fail', 'field `answer` is missing from the output'],
      ['pass', 'output contains no email, phone, credit_card'],
      ['error', 'expression failed: No such key: answer'],
    ]);
    // Colour is never the only signal: the badge says the verdict.
    expect(within(rows[4] as HTMLElement).getByText('error').className).toContain('badge');
    const repaired = screen.getByRole('table', { name: 'Checks on the repaired output' });
    expect(
      within(repaired)
        .getAllByTestId('verdict')
        .every((row) => row.getAttribute('data-status') === 'pass'),
    ).toBe(true);
  });

  it('shows the budget consumed against its limits', () => {
    render(<Timeline model={buildRunModel(SUPPORT_ANSWER.run.events)} />);
    const budget = screen.getByRole('table', { name: /Budget \(final/ });
    const attempts = within(budget).getByRole('row', { name: /Attempts/ });
    expect(attempts.textContent).toContain('56');
    expect(within(budget).getByRole('row', { name: /Tokens/ }).textContent).toContain('47320,000');
  });

  it('shows a live run as running, with no outcome yet', () => {
    const events = SUPPORT_ANSWER.run.events.filter((event) => event.seq <= 12);
    render(<Timeline model={buildRunModel(events)} />);
    expect(screen.queryByTestId('outcome-badge')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('running');
    expect(screen.getByText('13 events so far')).toBeDefined();
    expect(screen.getByRole('table', { name: /Budget \(so far/ })).toBeDefined();
  });

  it('shows waivers with their reason and approver', () => {
    render(<Timeline model={buildRunModel(PLAYGROUND_PROD.run.events)} />);
    expect(screen.getByTestId('outcome-badge').textContent).toBe('certified_with_exceptions');
    expect(screen.getByTestId('waiver').textContent).toContain(
      'tone: Tone check is being recalibrated; tracked in the risk register. (granted by risk-office',
    );
    expect(screen.getByRole('table', { name: 'Checks on the run inputs' }).textContent).toContain(
      'sane-input',
    );
  });

  it('says when a durable executor resumed the run', () => {
    const events = SUPPORT_ANSWER.run.events.slice(0, 5);
    const resumed = {
      seq: 5,
      ts: events.at(-1)?.ts ?? '',
      type: 'run.resumed' as const,
      data: {
        execution: 2,
        executor: 'worker-b',
        previous_executor: 'worker-a',
        reexecuted: ['answer/2/adapter'],
      },
      prev: '',
      hash: '',
    };
    render(<Timeline model={buildRunModel([...events, resumed])} />);
    expect(screen.getByTestId('resumption').textContent).toContain(
      'Execution 2 on worker worker-b (after worker-a); earlier attempts were replayed from their records, and these were run again: answer/2/adapter.',
    );
  });

  it('lists every step of a DAG with what it ran after', () => {
    render(<Timeline model={buildRunModel(IDEA_TO_RISKS_RUN.events)} />);
    const steps = screen.getAllByTestId('timeline-step');
    expect(steps.map((step) => step.getAttribute('aria-label'))).toEqual([
      'Step spec',
      'Step tests',
      'Step risks',
    ]);
    expect(steps[2]?.textContent).toContain('after spec, tests');
  });
});
