import {
  type ConstraintStatus,
  RECOVERY_STRATEGIES,
  type RecoveryStrategy,
  type RunOutcome,
} from '../spec/outcome.js';
import { type CaseResult, casePassed } from './case-result.js';
import { createDurationReservoir } from './duration-reservoir.js';

type Counts<K extends string> = Record<K, number>;

const STATUSES: readonly ConstraintStatus[] = [
  'enforced',
  'waived',
  'violated',
  'unchecked',
  'not_applicable',
];
const OUTCOMES: readonly RunOutcome[] = [
  'certified',
  'certified_with_exceptions',
  'degraded',
  'stopped',
  'error',
];

/** One constraint's figures over every case. */
export interface ConstraintSummary {
  /** `<step>.<id>`. */
  key: string;
  step: string;
  id: string;
  /** enforced / (cases where it applied, i.e. any status but `not_applicable`); null when it never applied. */
  pass_rate: number | null;
  statuses: Counts<ConstraintStatus>;
  /** Ladder moves this constraint's failure triggered, by strategy. */
  strategies: Counts<RecoveryStrategy>;
}

/** The eval report: what `--json` prints and the exports summarize. */
export interface EvalSummary {
  cases: number;
  passed: number;
  failed: number;
  /** passed / cases; null with no case. */
  pass_rate: number | null;
  /** Dataset rows that could not be read and were skipped (`--skip-invalid`). */
  invalid_rows: number;
  outcomes: Counts<RunOutcome>;
  expectations: { checked: number; met: number; failed: number };
  constraints: ConstraintSummary[];
  /** Cases that needed each strategy at least once. */
  strategies: Counts<RecoveryStrategy>;
  tokens: number;
  /** Sum of the known costs (USD). */
  cost_usd: number;
  /** Cases with an attempt whose price is unknown: their cost is left out of `cost_usd`, not counted as 0. */
  cost_unknown_cases: number;
  duration_ms: { p50: number; p95: number; max: number };
  /** Runs that could not be stored. */
  store_errors: number;
}

/** Accumulates case results in memory proportional to the number of constraints, not of cases. */
export interface EvalAggregator {
  add(result: CaseResult): void;
  addInvalid(): void;
  summary(): EvalSummary;
}

function zeros<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;
}

/** Creates an {@link EvalAggregator}. Duration percentiles come from a 4,096-value reservoir. */
export function createEvalAggregator(): EvalAggregator {
  const constraints = new Map<string, Omit<ConstraintSummary, 'pass_rate'>>();
  const outcomes = zeros(OUTCOMES);
  const strategies = zeros(RECOVERY_STRATEGIES);
  const expectations = { checked: 0, met: 0, failed: 0 };
  const durations = createDurationReservoir({ size: 4096, seed: 1 });
  const totals = { cases: 0, passed: 0, invalid: 0, tokens: 0, cost: 0, costUnknown: 0, storeErrors: 0 };

  const constraint = (key: string): Omit<ConstraintSummary, 'pass_rate'> => {
    let entry = constraints.get(key);
    if (entry === undefined) {
      const dot = key.indexOf('.');
      entry = {
        key,
        step: key.slice(0, dot),
        id: key.slice(dot + 1),
        statuses: zeros(STATUSES),
        strategies: zeros(RECOVERY_STRATEGIES),
      };
      constraints.set(key, entry);
    }
    return entry;
  };

  return {
    add(result) {
      totals.cases += 1;
      if (casePassed(result)) totals.passed += 1;
      outcomes[result.outcome] += 1;
      if (result.expected_ok !== null) {
        expectations.checked += 1;
        expectations[result.expected_ok ? 'met' : 'failed'] += 1;
      }
      for (const [key, status] of Object.entries(result.statuses)) constraint(key).statuses[status] += 1;
      const needed = new Set<RecoveryStrategy>();
      for (const move of result.ladder) {
        needed.add(move.strategy);
        for (const id of move.constraints ?? [])
          constraint(`${move.step}.${id}`).strategies[move.strategy] += 1;
      }
      for (const strategy of needed) strategies[strategy] += 1;
      totals.tokens += result.tokens;
      if (result.cost_usd === null) totals.costUnknown += 1;
      else totals.cost += result.cost_usd;
      if (result.store_error !== undefined) totals.storeErrors += 1;
      durations.add(result.duration_ms);
    },
    addInvalid() {
      totals.invalid += 1;
    },
    summary() {
      return {
        cases: totals.cases,
        passed: totals.passed,
        failed: totals.cases - totals.passed,
        pass_rate: totals.cases === 0 ? null : totals.passed / totals.cases,
        invalid_rows: totals.invalid,
        outcomes: { ...outcomes },
        expectations: { ...expectations },
        constraints: [...constraints.values()].map((entry) => {
          const applied =
            entry.statuses.enforced +
            entry.statuses.waived +
            entry.statuses.violated +
            entry.statuses.unchecked;
          return {
            ...entry,
            statuses: { ...entry.statuses },
            strategies: { ...entry.strategies },
            pass_rate: applied === 0 ? null : entry.statuses.enforced / applied,
          };
        }),
        strategies: { ...strategies },
        tokens: totals.tokens,
        cost_usd: totals.cost,
        cost_unknown_cases: totals.costUnknown,
        duration_ms: { p50: durations.quantile(0.5), p95: durations.quantile(0.95), max: durations.max },
        store_errors: totals.storeErrors,
      };
    },
  };
}
