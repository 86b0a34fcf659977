import type { EvalCaseRow, EvalDetail } from '../api/evals.js';
import { RECOVERY_STRATEGIES } from '../api/runs.js';
import type { RecoveryStrategy } from './events.js';

/** A rate in eval A and eval B (undefined: not reported yet), and B − A (null unless both are known). */
export interface RateDelta {
  key: string;
  a: number | null | undefined;
  b: number | null | undefined;
  delta: number | null;
}

/** How many cases needed a ladder strategy in A and in B. */
export interface StrategyDelta {
  strategy: RecoveryStrategy;
  a: number;
  b: number;
  delta: number;
}

/** A case (matched by id and repeat) whose outcome, pass or constraint statuses differ between A and B. */
export interface CaseChange {
  case_id: string;
  repeat: number;
  a: EvalCaseRow | undefined;
  b: EvalCaseRow | undefined;
  /** What changed, in words: `outcome certified → stopped`, `playground/tone violated → waived`. */
  changes: string[];
}

/** What changed between two evals (profile A vs profile B, say). */
export interface EvalComparison {
  passRate: RateDelta;
  constraints: RateDelta[];
  strategies: StrategyDelta[];
  changed: CaseChange[];
  /** Cases present in both with nothing changed. */
  unchanged: number;
  onlyA: number;
  onlyB: number;
}

function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  return typeof a === 'number' && typeof b === 'number' ? b - a : null;
}

function caseKey(row: EvalCaseRow): string {
  return `${row.case_id}\u0000${row.repeat}`;
}

function diffCase(a: EvalCaseRow, b: EvalCaseRow): string[] {
  const changes: string[] = [];
  if (a.outcome !== b.outcome) changes.push(`outcome ${a.outcome} → ${b.outcome}`);
  if (a.passed !== b.passed) changes.push(a.passed ? 'passed → failed' : 'failed → passed');
  const expectedA = a.expected_ok ?? null;
  const expectedB = b.expected_ok ?? null;
  if (expectedA !== expectedB) changes.push(`expectation ${String(expectedA)} → ${String(expectedB)}`);
  for (const key of new Set([...Object.keys(a.statuses), ...Object.keys(b.statuses)])) {
    const sa = a.statuses[key];
    const sb = b.statuses[key];
    if (sa !== sb) changes.push(`${key} ${sa ?? '(none)'} → ${sb ?? '(none)'}`);
  }
  return changes;
}

/**
 * Compares two evals: the pass rate and each constraint's pass rate (the server's report, B − A), how
 * many cases needed each ladder strategy, and every case (matched by case id and repeat) whose outcome,
 * pass or constraint statuses changed. Cases only one eval has are listed as changed too. An eval still
 * running has no report: its rates are undefined and its strategy counts 0.
 */
export function compareEvals(options: { a: EvalDetail; b: EvalDetail }): EvalComparison {
  const { a, b } = options;
  const ra = new Map(a.constraints.map((c) => [c.key, c.pass_rate]));
  const rb = new Map(b.constraints.map((c) => [c.key, c.pass_rate]));
  const sa = a.eval.summary;
  const sb = b.eval.summary;
  const keys = [...new Set([...ra.keys(), ...rb.keys()])];
  const constraints = keys.map((key) => ({
    key,
    a: ra.get(key),
    b: rb.get(key),
    delta: delta(ra.get(key), rb.get(key)),
  }));
  const strategies = RECOVERY_STRATEGIES.map((strategy) => {
    const na = sa?.strategies[strategy] ?? 0;
    const nb = sb?.strategies[strategy] ?? 0;
    return { strategy, a: na, b: nb, delta: nb - na };
  });
  const byKeyB = new Map(b.cases.map((row) => [caseKey(row), row]));
  const changed: CaseChange[] = [];
  let unchanged = 0;
  let onlyA = 0;
  for (const rowA of a.cases) {
    const rowB = byKeyB.get(caseKey(rowA));
    byKeyB.delete(caseKey(rowA));
    if (rowB === undefined) {
      onlyA += 1;
      changed.push({
        case_id: rowA.case_id,
        repeat: rowA.repeat,
        a: rowA,
        b: undefined,
        changes: ['only in A'],
      });
      continue;
    }
    const changes = diffCase(rowA, rowB);
    if (changes.length === 0) unchanged += 1;
    else changed.push({ case_id: rowA.case_id, repeat: rowA.repeat, a: rowA, b: rowB, changes });
  }
  for (const rowB of byKeyB.values()) {
    changed.push({
      case_id: rowB.case_id,
      repeat: rowB.repeat,
      a: undefined,
      b: rowB,
      changes: ['only in B'],
    });
  }
  return {
    passRate: {
      key: 'pass rate',
      a: sa?.pass_rate,
      b: sb?.pass_rate,
      delta: delta(sa?.pass_rate, sb?.pass_rate),
    },
    constraints,
    strategies,
    changed,
    unchanged,
    onlyA,
    onlyB: byKeyB.size,
  };
}
