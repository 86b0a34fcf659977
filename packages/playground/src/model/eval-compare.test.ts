import { describe, expect, it } from 'vitest';
import cliDev from '../fixtures/evals-cli-dev.json';
import cliProd from '../fixtures/evals-cli-prod.json';
import { type CliEval, evalFromCli } from '../fixtures/evals-from-cli.js';
import { compareEvals } from './eval-compare.js';
import { formatRate, formatRateDelta } from './eval-format.js';

// The same dataset under profile dev and profile prod (prod waives `playground.tone`): real CLI output.
const dev = evalFromCli({ id: 'dev', cli: cliDev as CliEval, profile: 'dev' });
const prod = evalFromCli({ id: 'prod', cli: cliProd as CliEval, profile: 'prod' });

describe('compareEvals', () => {
  it("finds what profile B changed: the waived constraint's status in every case that reached it", () => {
    const comparison = compareEvals({ a: dev, b: prod });
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
    const tone = comparison.constraints.find((c) => c.key === 'playground/tone');
    expect(tone).toMatchObject({ a: 0, b: 0, delta: 0 });
  });

  it('lists cases only one eval has, and outcome changes in words', () => {
    const fewer = { ...prod, cases: prod.cases.filter((row) => row.case_id !== 'empty') };
    const stoppedInB = {
      ...fewer,
      cases: fewer.cases.map((row) =>
        row.case_id === 'short' && row.repeat === 1
          ? { ...row, outcome: 'stopped' as const, passed: false }
          : row,
      ),
    };
    const comparison = compareEvals({ a: dev, b: stoppedInB });
    expect(comparison.onlyA).toBe(2);
    expect(comparison.changed.find((c) => c.case_id === 'empty')?.changes).toEqual(['only in A']);
    expect(comparison.changed.find((c) => c.case_id === 'short' && c.repeat === 1)?.changes).toEqual([
      'outcome certified_with_exceptions → stopped',
      'passed → failed',
      'playground/tone violated → waived',
    ]);
  });

  it('counts the cases that needed each ladder strategy in A and B', () => {
    const comparison = compareEvals({ a: dev, b: prod });
    expect(comparison.strategies.map((s) => s.strategy)).toEqual([
      'retry',
      'repair',
      'fallback',
      'degrade',
      'stop',
    ]);
    expect(comparison.strategies.every((s) => s.delta === s.b - s.a)).toBe(true);
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
