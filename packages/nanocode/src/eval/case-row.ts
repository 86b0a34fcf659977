import { RECOVERY_STRATEGIES, type RecoveryStrategy } from '../spec/outcome.js';
import type { EvalCaseRow } from '../spec/store.js';
import { type CaseResult, casePassed } from './case-result.js';

/** `<step>.<id>` (a case result's key; step names hold no dot) as the store's `<step>/<id>`. */
export function storeConstraintKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : `${key.slice(0, dot)}/${key.slice(dot + 1)}`;
}

/** A case result as the row the store keeps for the eval matrix, at position `seq` of the eval. */
export function toEvalCaseRow(options: { result: CaseResult; seq: number }): EvalCaseRow {
  const { result, seq } = options;
  const counts: Partial<Record<RecoveryStrategy, number>> = {};
  for (const move of result.ladder) counts[move.strategy] = (counts[move.strategy] ?? 0) + 1;
  const ladder = Object.fromEntries(RECOVERY_STRATEGIES.filter((s) => counts[s]).map((s) => [s, counts[s]]));
  return {
    seq,
    case_id: result.id,
    repeat: result.repeat,
    run_id: result.run_id,
    outcome: result.outcome,
    passed: casePassed(result),
    ...(result.expected_ok === null ? {} : { expected_ok: result.expected_ok }),
    statuses: Object.fromEntries(
      Object.entries(result.statuses).map(([key, status]) => [storeConstraintKey(key), status]),
    ),
    ladder,
    tokens: result.tokens,
    cost_usd: result.cost_usd,
  };
}
