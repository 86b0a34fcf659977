import { describe, expect, it } from 'vitest';
import { caseResult } from './case-result.test-util.js';
import { createDurationReservoir } from './duration-reservoir.js';
import { createEvalAggregator } from './eval-aggregator.js';

describe('createEvalAggregator', () => {
  it('computes per-constraint pass rates over applicable cases and the ladder moves each triggered', () => {
    const aggregator = createEvalAggregator();
    aggregator.add(caseResult());
    aggregator.add(
      caseResult({
        id: 'c2',
        outcome: 'certified_with_exceptions',
        statuses: { 'answer.shape': 'enforced', 'answer.short': 'violated' },
        ladder: [
          { step: 'answer', strategy: 'retry', constraints: ['shape'] },
          { step: 'answer', strategy: 'retry', constraints: ['shape'] },
          { step: 'answer', strategy: 'fallback', error: 'rate_limited' },
        ],
      }),
    );
    aggregator.add(
      caseResult({
        id: 'c3',
        outcome: 'stopped',
        statuses: { 'answer.shape': 'not_applicable', 'answer.short': 'not_applicable' },
        ladder: [{ step: 'answer', strategy: 'stop', constraints: ['shape'] }],
        cost_usd: null,
      }),
    );
    aggregator.addInvalid();
    const summary = aggregator.summary();
    expect(summary).toMatchObject({
      cases: 3,
      passed: 2,
      failed: 1,
      invalid_rows: 1,
      outcomes: { certified: 1, certified_with_exceptions: 1, stopped: 1, degraded: 0, error: 0 },
      strategies: { retry: 1, repair: 0, fallback: 1, degrade: 0, stop: 1 },
      tokens: 30,
      cost_unknown_cases: 1,
    });
    expect(summary.pass_rate).toBeCloseTo(2 / 3);
    expect(summary.cost_usd).toBeCloseTo(0.002);
    const [shape, short] = summary.constraints;
    expect(shape).toMatchObject({ key: 'answer.shape', step: 'answer', id: 'shape', pass_rate: 1 });
    expect(shape?.strategies).toEqual({ retry: 2, repair: 0, fallback: 0, degrade: 0, stop: 1 });
    expect(short).toMatchObject({
      pass_rate: 0.5,
      statuses: { enforced: 1, violated: 1, not_applicable: 1 },
    });
  });

  it('counts expectations and makes a failed expectation or store write fail the case', () => {
    const aggregator = createEvalAggregator();
    aggregator.add(caseResult({ expected_ok: true }));
    aggregator.add(caseResult({ expected_ok: false }));
    aggregator.add(caseResult({ store_error: 'disk full', stored: false }));
    expect(aggregator.summary()).toMatchObject({
      passed: 1,
      expectations: { checked: 2, met: 1, failed: 1 },
      store_errors: 1,
    });
  });

  it('reports null rates when nothing applies, and zero cases', () => {
    const aggregator = createEvalAggregator();
    expect(aggregator.summary()).toMatchObject({ cases: 0, pass_rate: null, constraints: [] });
    aggregator.add(caseResult({ statuses: { 'a.x': 'not_applicable' } }));
    expect(aggregator.summary().constraints[0]?.pass_rate).toBeNull();
  });
});

describe('createDurationReservoir', () => {
  it('gives exact nearest-rank percentiles below its size and stays bounded above it', () => {
    const small = createDurationReservoir({ size: 100, seed: 1 });
    for (let i = 1; i <= 20; i += 1) small.add(i);
    expect([small.quantile(0.5), small.quantile(0.95), small.max]).toEqual([10, 19, 20]);
    const big = createDurationReservoir({ size: 64, seed: 1 });
    for (let i = 1; i <= 10_000; i += 1) big.add(i);
    expect(big.max).toBe(10_000);
    // A uniform sample of 1..10000: the median lands well inside the middle half.
    expect(big.quantile(0.5)).toBeGreaterThan(2500);
    expect(big.quantile(0.5)).toBeLessThan(7500);
  });
});
