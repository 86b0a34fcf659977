import { RECOVERY_STRATEGIES, type RecoveryStrategy } from '../spec/outcome.js';
import type { CaseResult } from './case-result.js';

/**
 * One line of `--out` (JSON Lines): the case result plus `strategies`, the count of ladder moves by
 * strategy, so a reader need not walk `ladder` for the common question.
 */
export function resultLine(result: CaseResult): string {
  const strategies: Partial<Record<RecoveryStrategy, number>> = {};
  for (const move of result.ladder) strategies[move.strategy] = (strategies[move.strategy] ?? 0) + 1;
  const ordered = Object.fromEntries(
    RECOVERY_STRATEGIES.filter((s) => strategies[s]).map((s) => [s, strategies[s]]),
  );
  const { id, repeat, line, outcome, run_id, expected_ok, ...rest } = result;
  return `${JSON.stringify({ id, repeat, line, outcome, run_id, expected_ok, ...rest, strategies: ordered })}\n`;
}
