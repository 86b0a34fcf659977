import { describe, expect, it } from 'vitest';
import { recoveryRungSchema } from '../spec/workflow.js';
import { INITIAL_LADDER_STATE, type LadderFailure, type LadderState, nextLadderMove } from './ladder.js';

const rungs = [
  { retry: { max: 2, backoff_ms: 100 } },
  { repair: ['strip_code_fences'] },
  { fallback: {} },
  { degrade: { output: { answer: 'n/a' } } },
  { stop: {} },
].map((r) => recoveryRungSchema.parse(r));
const bad: LadderFailure = { type: 'constraints', ids: ['shape'], repeated: false };

function climb(failures: LadderFailure[], adapterCount: number): string[] {
  let state: LadderState = INITIAL_LADDER_STATE;
  const moves: string[] = [];
  for (const failure of failures) {
    const next = nextLadderMove({ rungs, state, failure, adapterCount });
    state = next.state;
    moves.push(next.move.strategy);
    if (next.move.strategy === 'degrade' || next.move.strategy === 'stop') break;
  }
  return moves;
}

describe('nextLadderMove', () => {
  it('walks retry → repair → fallback → (restart on the new adapter) → degrade in declared order', () => {
    expect(climb(Array(20).fill(bad), 2)).toEqual([
      'retry',
      'retry',
      'repair',
      'fallback',
      'retry',
      'retry',
      'repair',
      'degrade',
    ]);
  });

  it('stops retrying when the model repeats the same failed output', () => {
    const repeated: LadderFailure = { ...bad, repeated: true };
    expect(climb([bad, repeated, repeated], 1)).toEqual(['retry', 'repair', 'degrade']);
  });

  it('retries retryable errors with backoff, honouring a longer Retry-After; skips repair for errors', () => {
    const limited: LadderFailure = {
      type: 'error',
      code: 'rate_limited',
      retryable: true,
      retry_after_ms: 1500,
    };
    const first = nextLadderMove({ rungs, state: INITIAL_LADDER_STATE, failure: limited, adapterCount: 1 });
    expect(first.move).toEqual({ strategy: 'retry', feedback: false, wait_ms: 1500 });
    const second = nextLadderMove({
      rungs,
      state: first.state,
      failure: { ...limited, retry_after_ms: 0 },
      adapterCount: 1,
    });
    expect(second.move).toEqual({ strategy: 'retry', feedback: false, wait_ms: 200 });
    const third = nextLadderMove({ rungs, state: second.state, failure: limited, adapterCount: 1 });
    expect(third.move.strategy).toBe('degrade');
  });

  it('falls back at once on a non-retryable error', () => {
    const auth: LadderFailure = { type: 'error', code: 'auth', retryable: false };
    expect(
      nextLadderMove({ rungs, state: INITIAL_LADDER_STATE, failure: auth, adapterCount: 2 }).move,
    ).toEqual({
      strategy: 'fallback',
      adapter: 1,
    });
  });

  it('goes straight to degrade on budget exhaustion, or stops without one', () => {
    const budget: LadderFailure = { type: 'budget', dimension: 'tokens' };
    expect(
      nextLadderMove({ rungs, state: INITIAL_LADDER_STATE, failure: budget, adapterCount: 2 }).move.strategy,
    ).toBe('degrade');
    const noDegrade = rungs.filter((r) => !('degrade' in r));
    expect(
      nextLadderMove({ rungs: noDegrade, state: INITIAL_LADDER_STATE, failure: budget, adapterCount: 2 })
        .move,
    ).toEqual({
      strategy: 'stop',
      implicit: false,
    });
  });

  it('ends in an implicit stop when no terminal rung is declared', () => {
    const onlyRetry = [recoveryRungSchema.parse({ retry: { max: 1 } })];
    expect(climb([bad, bad, bad], 1)).not.toContain('fallback');
    let state = INITIAL_LADDER_STATE;
    const first = nextLadderMove({ rungs: onlyRetry, state, failure: bad, adapterCount: 1 });
    state = first.state;
    expect(nextLadderMove({ rungs: onlyRetry, state, failure: bad, adapterCount: 1 }).move).toEqual({
      strategy: 'stop',
      implicit: true,
    });
  });
});
