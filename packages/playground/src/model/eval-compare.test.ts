import { describe, expect, it } from 'vitest';
import type { EvalDetail } from '../api/evals.js';
import { EVAL_DEV, EVAL_PROD, EVAL_SUPPORT } from '../fixtures/evals-recorded.js';
import { compareEvals } from './eval-compare.js';
import { formatRate, formatRateDelta } from './eval-format.js';

// The same dataset under profile dev and profile prod (prod waives `playground/tone`): recorded replies.
describe('compareEvals', () => {
  it("finds what profile B changed: the waived constraint's status in every case that reached it", () => {
    const comparison = compareEvals({ a: EVAL_DEV, b: EVAL_PROD });
    expect(comparison.passRate).toMatchObject({ a: 0.75, b: 0.75, delta: 0 });
    expect(comparison.changed.map((c) => `${c.case_id}#${c.repeat}`)).toEqual([
      'short#1',
      'short#2',
      'named#1',
      'named#2',
      'empty#1',
      'empty#2',
    ]);
    expect(comparison.changed[0]?.changes).toEqual(['playground/tone violated → waived']);
    expect(comparison.unchanged).toBe(2);
    expect(comparison.onlyA + comparison.onlyB).toBe(0);
    expect(comparison.constraints.find((c) => c.key === '$input/sane-input')).toMatchObject({
      a: 0.75,
      b: 0.75,
      delta: 0,
    });
  });

  it('lists cases only one eval has, and outcome and pass changes in words', () => {
    const cases = EVAL_PROD.cases
      .filter((row) => row.case_id !== 'empty')
      .map((row) =>
        row.case_id === 'short' && row.repeat === 1
          ? { ...row, outcome: 'stopped' as const, passed: false }
          : row,
      );
    const comparison = compareEvals({ a: EVAL_DEV, b: { ...EVAL_PROD, cases } });
    expect(comparison.onlyA).toBe(2);
    expect(comparison.changed.find((c) => c.case_id === 'empty')?.changes).toEqual(['only in A']);
    expect(comparison.changed.find((c) => c.case_id === 'short' && c.repeat === 1)?.changes).toEqual([
      'outcome certified_with_exceptions → stopped',
      'passed → failed',
      'playground/tone violated → waived',
    ]);
  });

  it('compares the ladder strategies cases needed, and has no rates for an eval without a report', () => {
    const comparison = compareEvals({ a: EVAL_DEV, b: EVAL_SUPPORT });
    const retry = comparison.strategies.find((s) => s.strategy === 'retry');
    expect(retry).toEqual({
      strategy: 'retry',
      a: 0,
      b: EVAL_SUPPORT.eval.summary?.strategies.retry,
      delta: 2,
    });
    const { summary: _summary, ...running } = EVAL_PROD.eval;
    const pending: EvalDetail = { ...EVAL_PROD, eval: { ...running, status: 'running' } };
    const partial = compareEvals({ a: EVAL_DEV, b: pending });
    expect(partial.passRate).toMatchObject({ a: 0.75, b: undefined, delta: null });
  });

  it('formats rates and their changes in words as well as signs', () => {
    expect(formatRate(0.75)).toBe('75.0%');
    expect(formatRate(null)).toBe('n/a');
    expect(formatRateDelta(0.25)).toBe('+25.0 pp (better)');
    expect(formatRateDelta(-0.5)).toBe('−50.0 pp (worse)');
    expect(formatRateDelta(0)).toBe('±0.0 pp (same)');
    expect(formatRateDelta(null)).toBe('n/a');
  });
});
