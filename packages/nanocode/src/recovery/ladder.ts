import type { BudgetDimension } from '../spec/outcome.js';
import type { RecoveryRung } from '../spec/workflow.js';

/** Why the ladder is being climbed. */
export type LadderFailure =
  | { type: 'constraints'; ids: string[]; repeated: boolean }
  | { type: 'error'; code: string; retryable: boolean; retry_after_ms?: number }
  | { type: 'budget'; dimension: BudgetDimension };

/** Where a step stands on its ladder. Plain data, so a move is a pure function of it. */
export interface LadderState {
  /** Index of the rung to try next. */
  pos: number;
  /** Retries used on the current adapter. */
  retries: number;
  /** Index of the current adapter in the step's fallback list. */
  adapter: number;
}

/** The next thing to do. */
export type LadderMove =
  | { strategy: 'retry'; feedback: boolean; wait_ms: number }
  | { strategy: 'repair'; fixes: Extract<RecoveryRung, { repair: unknown }>['repair'] }
  | { strategy: 'fallback'; adapter: number }
  | { strategy: 'degrade'; output?: unknown; step?: string }
  | { strategy: 'stop'; implicit: boolean };

/** The initial ladder state of a step. */
export const INITIAL_LADDER_STATE: LadderState = { pos: 0, retries: 0, adapter: 0 };

/** Longest wait between retries, whatever the backoff or Retry-After says (the time budget also caps it). */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * Chooses the next move for a failure, walking the declared rungs in order from `state.pos`.
 * - `retry` applies to constraint failures and to retryable adapter errors, up to `max` per adapter; an
 *   output identical to the previous failed one means the model ignores feedback, so retrying stops.
 * - `repair` applies once per rung to constraint failures (it needs an output).
 * - `fallback` moves to the next adapter and restarts the ladder there.
 * - `degrade` and `stop` end the step. Budget exhaustion goes straight to `degrade` if one is declared.
 * - A ladder with no terminal rung ends in an implicit `stop`.
 */
export function nextLadderMove(options: {
  rungs: readonly RecoveryRung[];
  state: LadderState;
  failure: LadderFailure;
  adapterCount: number;
}): { move: LadderMove; state: LadderState } {
  const { rungs, state, failure, adapterCount } = options;
  if (failure.type === 'budget') {
    const degrade = rungs.find((rung) => 'degrade' in rung);
    if (degrade && 'degrade' in degrade && degrade.degrade.output !== undefined) {
      return { move: { strategy: 'degrade', output: degrade.degrade.output }, state };
    }
    return { move: { strategy: 'stop', implicit: !rungs.some((rung) => 'stop' in rung) }, state };
  }
  for (let pos = state.pos; pos < rungs.length; pos += 1) {
    const rung = rungs[pos];
    if (rung === undefined) break;
    if ('retry' in rung) {
      const eligible = failure.type === 'constraints' ? !failure.repeated : failure.retryable;
      if (eligible && state.retries < rung.retry.max) {
        const wait_ms =
          failure.type === 'error' ? retryWait({ rung: rung.retry, retries: state.retries, failure }) : 0;
        return {
          move: {
            strategy: 'retry',
            feedback: rung.retry.feedback && failure.type === 'constraints',
            wait_ms,
          },
          state: { ...state, pos, retries: state.retries + 1 },
        };
      }
    } else if ('repair' in rung) {
      if (failure.type === 'constraints') {
        return { move: { strategy: 'repair', fixes: rung.repair }, state: { ...state, pos: pos + 1 } };
      }
    } else if ('fallback' in rung) {
      if (state.adapter + 1 < adapterCount) {
        return {
          move: { strategy: 'fallback', adapter: state.adapter + 1 },
          state: { pos: 0, retries: 0, adapter: state.adapter + 1 },
        };
      }
    } else if ('degrade' in rung) {
      const move: LadderMove = { strategy: 'degrade' };
      if (rung.degrade.output !== undefined) move.output = rung.degrade.output;
      if (rung.degrade.step !== undefined) move.step = rung.degrade.step;
      return { move, state: { ...state, pos: pos + 1 } };
    } else if ('stop' in rung) {
      return { move: { strategy: 'stop', implicit: false }, state: { ...state, pos } };
    }
  }
  return { move: { strategy: 'stop', implicit: true }, state: { ...state, pos: rungs.length } };
}

function retryWait(options: {
  rung: { backoff_ms: number };
  retries: number;
  failure: { retry_after_ms?: number };
}): number {
  const backoff = options.rung.backoff_ms * 2 ** options.retries;
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(backoff, options.failure.retry_after_ms ?? 0));
}
