import type { EventData, RunEvent } from '../spec/events.js';
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from '../spec/outcome.js';
import type { RunResult } from '../spec/run.js';
import type { ExpectationResult } from './check-expected.js';
import type { EvalCase } from './eval-case.js';

/** One ladder move of a case: the strategy and what triggered it. */
export interface LadderMove {
  step: string;
  strategy: RecoveryStrategy;
  /** The failed hard constraint ids (of `step`) that caused it. */
  constraints?: string[];
  /** The adapter error class or budget dimension that caused it. */
  error?: string;
  budget?: string;
}

/**
 * The result of one case run: one line of `--out`, one JUnit testcase, one row of the HTML matrix.
 * Constraint statuses are keyed `<step>.<constraint id>` (step names hold no dot).
 */
export interface CaseResult {
  id: string;
  /** 1-based repetition (always 1 without `--repeat`). */
  repeat: number;
  /** The dataset line the case came from. */
  line: number;
  outcome: RunOutcome;
  run_id: string;
  /** null when the case has no expectation. */
  expected_ok: boolean | null;
  expected_message?: string;
  statuses: Record<string, ConstraintStatus>;
  ladder: LadderMove[];
  tokens: number;
  /** USD; null when some attempt's price is unknown (an unknown cost is never counted as 0). */
  cost_usd: number | null;
  duration_ms: number;
  error?: { code: string; message: string };
  /** Whether the run was stored; false with a reason in `store_error` when storing failed. */
  stored?: boolean;
  store_error?: string;
}

/** Whether a case passed: released as certified (with or without exceptions), and its expectation held. */
export function casePassed(result: CaseResult): boolean {
  const certified = result.outcome === 'certified' || result.outcome === 'certified_with_exceptions';
  return certified && result.expected_ok !== false && result.store_error === undefined;
}

function isType<T extends RunEvent['type']>(event: RunEvent, type: T): event is RunEvent<T> {
  return event.type === type;
}

/** Summarizes a finished run into a {@link CaseResult}, reading only its events and released output. */
export function toCaseResult(options: {
  evalCase: EvalCase;
  repeat: number;
  result: RunResult;
  expectation?: ExpectationResult;
}): CaseResult {
  const { evalCase, result, expectation } = options;
  const statuses: Record<string, ConstraintStatus> = {};
  const ladder: LadderMove[] = [];
  let completed: EventData['run.completed'] | undefined;
  let costUnknown = false;
  for (const event of result.events) {
    if (isType(event, 'attempt.completed') && event.data.cost_usd === null) costUnknown = true;
    else if (isType(event, 'recovery.chosen')) ladder.push(ladderMove(event));
    else if (isType(event, 'run.completed')) completed = event.data;
  }
  for (const row of completed?.constraints ?? []) statuses[`${row.step}.${row.id}`] = row.status;
  const consumed = completed?.consumed;
  return {
    id: evalCase.id,
    repeat: options.repeat,
    line: evalCase.line,
    outcome: result.outcome,
    run_id: result.run_id,
    expected_ok: expectation === undefined ? null : expectation.ok,
    ...(expectation?.message === undefined ? {} : { expected_message: expectation.message }),
    statuses,
    ladder,
    tokens: consumed?.tokens ?? 0,
    cost_usd: costUnknown ? null : (consumed?.cost_usd ?? 0),
    duration_ms: consumed?.time_ms ?? 0,
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

function ladderMove(event: RunEvent<'recovery.chosen'>): LadderMove {
  const { strategy, trigger } = event.data;
  return {
    step: event.step ?? '',
    strategy,
    ...(trigger.constraints === undefined ? {} : { constraints: trigger.constraints }),
    ...(trigger.error === undefined ? {} : { error: trigger.error }),
    ...(trigger.budget === undefined ? {} : { budget: trigger.budget }),
  };
}
