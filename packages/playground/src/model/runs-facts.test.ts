import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../api/runs.js';
import prodRun from '../fixtures/runs-run-constraint-playground-prod.json';
import ideaRun from '../fixtures/runs-run-idea-to-risks.json';
import stoppedRun from '../fixtures/runs-run-stopped.json';
import supportRun from '../fixtures/runs-run-support-answer.json';
import { runFacts } from './runs-facts.js';

// Recorded from `nanocode serve` (see fixtures/runs-record.mjs).
const prod = prodRun as RunDetail;
const idea = ideaRun as RunDetail;
const stopped = stoppedRun as RunDetail;
const support = supportRun as RunDetail;

describe('runFacts', () => {
  it("takes final statuses from run.completed and the last verdict of each constraint from the server's events", () => {
    const facts = runFacts(prod.events);
    expect(facts.outcome).toBe('certified_with_exceptions');
    const tone = facts.constraints.find((c) => c.id === 'tone');
    expect(tone).toMatchObject({
      step: 'playground',
      status: 'waived',
      severity: 'soft',
      verdict: { status: 'fail' },
      waiver: { granted_by: 'risk-office' },
    });
    const input = facts.constraints.find((c) => c.id === 'sane-input');
    expect(input).toMatchObject({ step: '$input', status: 'enforced', verdict: { status: 'pass' } });
    expect(facts.inputs).toEqual({ product: 'Nanocode' });
  });

  it('lists steps in the order they started, with what they depend on and what they released', () => {
    const facts = runFacts(idea.events);
    expect(facts.steps.map((s) => [s.name, s.depends_on])).toEqual([
      ['spec', []],
      ['tests', ['spec']],
      ['risks', ['spec', 'tests']],
    ]);
    expect(facts.steps[0]?.output).toEqual({
      title: 'Shared grocery list',
      requirements: ['Two people can edit one list', 'Changes sync within 5 seconds'],
    });
    expect(facts.steps.every((s) => s.status === 'released' && s.released)).toBe(true);
  });

  it('keeps every ladder move in order with its trigger in words', () => {
    const facts = runFacts(support.events);
    expect(facts.moves.map((m) => m.strategy)).toEqual(['retry', 'retry', 'fallback', 'retry', 'repair']);
    expect(facts.moves[2]).toMatchObject({
      from: 'scripted:primary',
      to: 'scripted:backup',
      trigger: 'error rate_limited',
    });
    expect(facts.moves[0]?.trigger).toBe('failed shape, grounded, calm');
    expect(facts.steps[0]?.attempts).toBe(5);
    expect(facts.consumed?.attempts).toBe(5);
  });

  it('reads a run refused at its input check: nothing released, constraints not applicable', () => {
    const facts = runFacts(stopped.events);
    expect(facts.outcome).toBe('stopped');
    expect(facts.steps).toEqual([]);
    expect(facts.constraints.find((c) => c.id === 'sane-input')?.status).toBe('violated');
    expect(facts.constraints.find((c) => c.id === 'tone')).toMatchObject({
      status: 'not_applicable',
      evaluations: 0,
    });
  });

  it('reads a run still in progress without a final status', () => {
    const facts = runFacts(support.events.slice(0, 10));
    expect(facts.completed).toBe(false);
    expect(facts.outcome).toBeUndefined();
    expect(facts.constraints.every((c) => c.status === undefined)).toBe(true);
  });
});
