import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../api/types.js';
import prodRun from '../fixtures/runs-run-constraint-playground-prod.json';
import stoppedRun from '../fixtures/runs-run-stopped.json';
import supportRun from '../fixtures/runs-run-support-answer.json';
import { buildRunModel } from './run-model.js';
import { constraintFacts } from './runs-constraints.js';

// Recorded from `nanocode serve` (see fixtures/runs-record.mjs).
const prod = prodRun as RunDocument;
const stopped = stoppedRun as RunDocument;
const support = supportRun as RunDocument;

describe('constraintFacts', () => {
  it('joins final statuses with the last verdict and the waiver, in the order run.completed lists them', () => {
    const facts = constraintFacts(buildRunModel(prod.events));
    expect(facts.map((f) => f.id).slice(0, 3)).toEqual(['sane-input', 'opens-with-name', 'length']);
    expect(facts.find((f) => f.id === 'tone')).toMatchObject({
      step: 'playground',
      status: 'waived',
      severity: 'soft',
      verdict: { status: 'fail', message: 'output matches /!/ at 76-77' },
      waiver: { granted_by: 'risk-office' },
      evaluations: 1,
    });
    expect(facts.find((f) => f.id === 'sane-input')).toMatchObject({
      step: '$input',
      status: 'enforced',
      verdict: { status: 'pass' },
    });
  });

  it('keeps the last of several verdicts: the one on the released, repaired output', () => {
    const facts = constraintFacts(buildRunModel(support.events));
    const shape = facts.find((f) => f.id === 'shape');
    expect(shape?.evaluations).toBeGreaterThan(1);
    expect(shape).toMatchObject({ status: 'enforced', verdict: { status: 'pass', target: 'repair' } });
  });

  it('lists constraints never evaluated (refused input) with their final status and no verdict', () => {
    const facts = constraintFacts(buildRunModel(stopped.events));
    expect(facts.find((f) => f.id === 'sane-input')).toMatchObject({
      status: 'violated',
      verdict: { status: 'fail' },
    });
    const tone = facts.find((f) => f.id === 'tone');
    expect(tone).toMatchObject({ status: 'not_applicable', evaluations: 0 });
    expect(tone?.verdict).toBeUndefined();
  });

  it('has no final status while the run is in progress', () => {
    const facts = constraintFacts(buildRunModel(support.events.slice(0, 10)));
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => f.status === undefined)).toBe(true);
  });
});
