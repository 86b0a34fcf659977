import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_SWITCHER_RUN,
  IDEA_TO_RISKS_RUN,
  PLAYGROUND_PROD,
  PLAYGROUND_REFUSED,
  SUPPORT_ANSWER,
} from '../fixtures/recorded.js';
import type { RunEvent } from './events.js';
import { type AttemptPhase, buildRunModel, type LadderMove } from './run-model.js';

const supportEvents = SUPPORT_ANSWER.run.events;

function movesOf(phases: AttemptPhase[]): LadderMove[] {
  return phases.flatMap((phase) => (phase.kind === 'move' ? [phase.move] : []));
}

describe('buildRunModel', () => {
  it('is empty without events', () => {
    const model = buildRunModel([]);
    expect(model.status).toBe('empty');
    expect(model.steps).toEqual([]);
    expect(model.lastSeq).toBe(-1);
  });

  it('follows the support-answer ladder: retries, a 429 and fallback, a repair, certified', () => {
    const model = buildRunModel(supportEvents);
    expect(model.status).toBe('finished');
    expect(model.outcome).toBe('certified');
    expect(model.runId).toBe(SUPPORT_ANSWER.run.summary.run_id);
    expect(model.steps.map((step) => step.id)).toEqual(['answer']);
    const [step] = model.steps;
    expect(step?.status).toBe('released');
    expect(step?.adapters).toEqual(['scripted:primary', 'scripted:backup']);
    expect(step?.attempts.map((a) => [a.number, a.adapter, a.via, a.state, a.error?.code ?? null])).toEqual([
      [1, 'scripted:primary', 'first', 'completed', null],
      [2, 'scripted:primary', 'retry', 'completed', null],
      [3, 'scripted:primary', 'retry', 'failed', 'rate_limited'],
      [4, 'scripted:backup', 'fallback', 'completed', null],
      [5, 'scripted:backup', 'retry', 'completed', null],
    ]);
    expect(model.moves.map((m) => [m.attempt, m.strategy, m.to, m.trigger])).toEqual([
      [1, 'retry', 'scripted:primary', { constraints: ['shape', 'grounded', 'calm'] }],
      [2, 'retry', 'scripted:primary', { constraints: ['calm'] }],
      [3, 'fallback', 'scripted:backup', { error: 'rate_limited' }],
      [4, 'retry', 'scripted:backup', { constraints: ['shape', 'grounded', 'calm'] }],
      [5, 'repair', 'repair:strip_code_fences+redact_pii', { constraints: ['shape', 'grounded', 'calm'] }],
    ]);
    // Each move sits under the attempt that caused it.
    expect(movesOf(step?.attempts[2]?.phases ?? []).map((m) => m.strategy)).toEqual(['fallback']);
  });

  it('keeps every verdict with its status and message, grouped by what was checked', () => {
    const model = buildRunModel(supportEvents);
    const attempts = model.steps[0]?.attempts ?? [];
    const first = attempts[0]?.phases[0];
    expect(first?.kind).toBe('checks');
    if (first?.kind !== 'checks') return;
    expect(first.target).toBe('attempt');
    expect(first.verdicts.map((v) => [v.constraint, v.status, v.message])).toEqual([
      ['shape', 'fail', 'schema violations: $ must be object'],
      ['grounded', 'fail', 'field `quotes` is missing from the output'],
      ['short', 'fail', 'field `answer` is missing from the output'],
      ['no-pii', 'pass', 'output contains no email, phone, credit_card'],
      ['calm', 'error', 'expression failed: No such key: answer'],
    ]);
    const last = attempts[4]?.phases ?? [];
    expect(last.map((phase) => phase.kind)).toEqual(['checks', 'move', 'repair', 'checks']);
    const repair = last[2];
    expect(repair?.kind === 'repair' && repair.fixes).toEqual(['strip_code_fences']);
    const repaired = last[3];
    expect(repaired?.kind === 'checks' && repaired.target).toBe('repair');
    expect(repaired?.kind === 'checks' && repaired.verdicts.every((v) => v.status === 'pass')).toBe(true);
  });

  it('records attempts with model, latency, usage and the failed call error', () => {
    const model = buildRunModel(supportEvents);
    const [first, , third] = model.steps[0]?.attempts ?? [];
    expect(first?.model).toBe('primary');
    expect(first?.latencyMs).toBeTypeOf('number');
    expect(first?.usage).toEqual({ input_tokens: 53, output_tokens: 6 });
    expect(first?.text).toBe('Sure! Refunds are quick.');
    expect(third?.error).toMatchObject({ code: 'rate_limited', status: 429, retryable: true });
  });

  it('takes the final budget from run.completed and sums it from the events while running', () => {
    const done = buildRunModel(supportEvents);
    const completed = supportEvents.at(-1) as RunEvent<'run.completed'>;
    expect(done.budget.final).toBe(true);
    expect(done.budget.limits).toEqual({ attempts: 6, tokens: 20000, cost_usd: 0.05, time_ms: 30000 });
    expect(done.budget.consumed).toEqual(completed.data.consumed);

    const running = buildRunModel(supportEvents.slice(0, -1));
    expect(running.status).toBe('running');
    expect(running.outcome).toBeUndefined();
    expect(running.budget.final).toBe(false);
    expect(running.budget.consumed.attempts).toBe(5);
    // The server counts the same tokens: the sum of every completed attempt's usage.
    expect(running.budget.consumed.tokens).toBe(completed.data.consumed.tokens);
  });

  it('builds the same model from a shuffled stream with repeated events (a reconnect)', () => {
    const repeated = [...supportEvents.slice(20), ...supportEvents.slice(0, 25)].reverse();
    expect(buildRunModel(repeated)).toEqual(buildRunModel(supportEvents));
  });

  it('shows a live prefix: the running attempt and no outcome', () => {
    const prefix = supportEvents.filter((event) => event.seq <= 3);
    const model = buildRunModel(prefix);
    expect(model.steps[0]?.status).toBe('running');
    expect(model.steps[0]?.attempts.map((a) => a.state)).toEqual(['running']);
    expect(model.lastSeq).toBe(3);
  });

  it('gives each step of a DAG its dependencies from step.started', () => {
    const model = buildRunModel(IDEA_TO_RISKS_RUN.events);
    expect(model.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['spec', []],
      ['tests', ['spec']],
      ['risks', ['spec', 'tests']],
    ]);
    expect(model.steps.every((s) => s.release !== undefined && s.status === 'released')).toBe(true);
    const parallel = buildRunModel(AUDIENCE_SWITCHER_RUN.events);
    expect(parallel.steps.map((s) => s.id).sort()).toEqual(['child', 'engineer', 'executive', 'tweet']);
  });

  it('puts input-stage verdicts and waivers where they belong', () => {
    const model = buildRunModel(PLAYGROUND_PROD.run.events);
    expect(model.input.verdicts.map((v) => [v.constraint, v.status])).toEqual([['sane-input', 'pass']]);
    expect(model.input.checked).toEqual({ ok: true, constraint_ids: ['sane-input'] });
    expect(model.steps[0]?.waivers.map((w) => [w.constraint, w.granted_by])).toEqual([
      ['tone', 'risk-office'],
    ]);
    expect(model.outcome).toBe('certified_with_exceptions');
    expect(model.constraints.find((c) => c.id === 'tone')?.status).toBe('waived');
  });

  it('ends a refused run stopped with no step run', () => {
    const model = buildRunModel(PLAYGROUND_REFUSED.run.events);
    expect(model.outcome).toBe('stopped');
    expect(model.input.checked?.ok).toBe(false);
    expect(model.input.verdicts.map((v) => v.status)).toEqual(['fail']);
    expect(model.steps.flatMap((s) => s.attempts)).toEqual([]);
  });

  it('records a durable resumption', () => {
    const events = supportEvents.slice(0, 10);
    const resumed = {
      seq: 10,
      ts: events.at(-1)?.ts ?? '',
      type: 'run.resumed',
      data: {
        execution: 2,
        executor: 'worker-b',
        previous_executor: 'worker-a',
        reexecuted: ['answer/2/adapter'],
      },
      prev: '',
      hash: '',
    } as RunEvent<'run.resumed'>;
    const model = buildRunModel([...events, resumed]);
    expect(model.resumptions).toEqual([{ ...resumed.data, seq: 10 }]);
    expect(model.steps[0]?.attempts).toHaveLength(1);
  });

  it('ignores event types it does not know', () => {
    const odd = { ...supportEvents[1], type: 'something.new' } as unknown as RunEvent;
    const model = buildRunModel([supportEvents[0] as RunEvent, odd]);
    expect(model.eventCount).toBe(2);
    expect(model.steps).toEqual([]);
  });
});
