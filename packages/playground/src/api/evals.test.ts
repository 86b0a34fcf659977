import { describe, expect, it } from 'vitest';
import cliSupport from '../fixtures/evals-cli-support.json';
import { type CliEval, evalFromCli } from '../fixtures/evals-from-cli.js';
import { normalizeConstraintKey, readEvalDetail } from './evals.js';

describe('eval replies', () => {
  it('names constraints step/id whichever separator the server used', () => {
    expect(normalizeConstraintKey('answer.shape')).toBe('answer/shape');
    expect(normalizeConstraintKey('answer/shape')).toBe('answer/shape');
    expect(normalizeConstraintKey('$input.sane-input')).toBe('$input/sane-input');
    expect(normalizeConstraintKey('answer/v1.2')).toBe('answer/v1.2');
    expect(normalizeConstraintKey('plain')).toBe('plain');
  });

  it('reads real eval output: statuses, ladder moves as counts, the summary and the constraint figures', () => {
    const detail = evalFromCli({ id: 'e1', cli: cliSupport as CliEval });
    expect(detail.summary).toMatchObject({ cases: 2, passed: 1, failed: 1, pass_rate: 0.5 });
    const refunds = detail.cases.find((row) => row.case_id === 'refunds');
    expect(refunds).toMatchObject({
      repeat: 1,
      outcome: 'certified',
      passed: true,
      expected_ok: true,
      ladder: { retry: 3, repair: 1, fallback: 1 },
    });
    expect(refunds?.statuses['answer/shape']).toBe('enforced');
    expect(detail.constraints[0]).toMatchObject({
      key: 'answer/shape',
      step: 'answer',
      id: 'shape',
      pass_rate: 1,
      strategies: { retry: 4, repair: 2 },
    });
    expect(detail.cases.find((row) => row.case_id === 'card')?.passed).toBe(false);
  });

  it('reads a sparse reply without crashing: defaults, not guesses', () => {
    const detail = readEvalDetail({ id: 'x', cases: [{ case_id: 'a', statuses: { 's/c': 'violated' } }] });
    expect(detail.summary.pass_rate).toBeNull();
    expect(detail.cases[0]).toMatchObject({
      case_id: 'a',
      repeat: 1,
      passed: false,
      cost_usd: null,
      ladder: {},
    });
    expect(readEvalDetail(null).cases).toEqual([]);
  });
});
