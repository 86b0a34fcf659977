import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../api/types.js';
import devRun from '../fixtures/runs-run-constraint-playground.json';
import prodRun from '../fixtures/runs-run-constraint-playground-prod.json';
import stoppedRun from '../fixtures/runs-run-stopped.json';
import supportRun from '../fixtures/runs-run-support-answer.json';
import { compareRuns } from './compare-runs.js';

// Recorded from `nanocode serve` (see fixtures/runs-record.mjs): the same workflow under the default
// profile and under `prod`, whose waiver turns the violated soft `tone` into `waived`.
const dev = devRun as RunDocument;
const prod = prodRun as RunDocument;
const stopped = stoppedRun as RunDocument;
const support = supportRun as RunDocument;

function rowOf(comparison: ReturnType<typeof compareRuns>, key: string) {
  return comparison.sections.flatMap((s) => s.rows).find((r) => r.key === key);
}

describe('compareRuns', () => {
  it('finds what a profile change did: the waived constraint, the profile, the configuration', () => {
    const comparison = compareRuns({ a: dev, b: prod });
    expect(rowOf(comparison, 'constraint:playground/tone')).toMatchObject({
      a: 'violated; last verdict fail',
      b: 'waived; last verdict fail',
      same: false,
    });
    expect(rowOf(comparison, 'constraint:playground/tone')?.detailB).toContain('waived by risk-office');
    expect(rowOf(comparison, 'profile')).toMatchObject({ a: 'default', b: 'prod', same: false });
    expect(rowOf(comparison, 'config')?.same).toBe(false);
    expect(rowOf(comparison, 'input:product')).toMatchObject({ a: 'Nanocode', same: true });
    expect(rowOf(comparison, 'constraint:playground/length')?.same).toBe(true);
    expect(rowOf(comparison, 'step:playground:output')?.same).toBe(true);
    // Same outcome (both certified with exceptions), different tone status, profile and configuration.
    expect(rowOf(comparison, 'outcome')?.same).toBe(true);
    const changed = comparison.sections.flatMap((s) => s.rows).filter((r) => !r.same && !r.volatile);
    expect(changed.map((r) => r.key).sort()).toEqual(['config', 'constraint:playground/tone', 'profile']);
    expect(comparison.differences).toBe(3);
  });

  it('never counts wall-clock time as a change', () => {
    const comparison = compareRuns({ a: dev, b: dev });
    expect(comparison.differences).toBe(0);
    const time = rowOf(comparison, 'time');
    expect(time?.volatile).toBe(true);
  });

  it('shows a side that has nothing (no steps, no moves) as undefined, and counts it', () => {
    const comparison = compareRuns({ a: dev, b: stopped });
    expect(rowOf(comparison, 'step:playground:output')).toMatchObject({ b: undefined, same: false });
    expect(rowOf(comparison, 'outcome')).toMatchObject({ a: 'certified_with_exceptions', b: 'stopped' });
    expect(rowOf(comparison, 'constraint:$input/sane-input')).toMatchObject({
      a: 'enforced; last verdict pass',
      b: 'violated; last verdict fail',
    });
    expect(rowOf(comparison, 'input:product')?.same).toBe(false);
  });

  it('aligns ladder moves per step by their order', () => {
    const comparison = compareRuns({ a: support, b: dev });
    const ladder = comparison.sections.find((s) => s.id === 'ladder');
    expect(ladder?.rows.map((r) => r.label)).toEqual([
      'answer move 1',
      'answer move 2',
      'answer move 3',
      'answer move 4',
      'answer move 5',
    ]);
    expect(ladder?.rows[2]).toMatchObject({
      a: 'fallback scripted:primary → scripted:backup (adapter error rate_limited)',
      b: undefined,
      same: false,
    });
  });
});
