import type { CaseResult } from './case-result.js';

/** A certified case result with two enforced constraints; override what a test needs. */
export function caseResult(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'c1',
    repeat: 1,
    line: 1,
    outcome: 'certified',
    run_id: 'run-1',
    expected_ok: null,
    statuses: { 'answer.shape': 'enforced', 'answer.short': 'enforced' },
    ladder: [],
    tokens: 10,
    cost_usd: 0.001,
    duration_ms: 10,
    ...overrides,
  };
}
