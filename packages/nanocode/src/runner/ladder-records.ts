import type { Violation } from '../recovery/feedback.js';
import type { LadderFailure, LadderMove } from '../recovery/ladder.js';
import type { EventData } from '../spec/events.js';
import type { Evaluation } from './evaluate-output.js';

/** Ids of the hard constraints that block release. */
export function idsOf(evaluation: Evaluation): string[] {
  return evaluation.blocking.map((r) => r.constraint.id);
}

/** What a retry tells the model: each blocking constraint's feedback, or its verdict message. */
export function violationsOf(evaluation: Evaluation): Violation[] {
  return evaluation.blocking.map((r) => ({
    constraint: r.constraint.id,
    message: r.constraint.feedback ?? r.verdict.message,
  }));
}

/** The `trigger` of a `recovery.chosen` event. */
export function triggerOf(failure: LadderFailure): EventData['recovery.chosen']['trigger'] {
  if (failure.type === 'constraints') return { constraints: failure.ids };
  if (failure.type === 'error') return { error: failure.code };
  return { budget: failure.dimension };
}

/** The `to` of a `recovery.chosen` event: an adapter, a repair, a degrade path, or stop. */
export function targetOf(options: { move: LadderMove; ref: string }): string {
  const { move, ref } = options;
  switch (move.strategy) {
    case 'retry':
    case 'fallback':
      return ref;
    case 'repair':
      return `repair:${move.fixes.join('+')}`;
    case 'degrade':
      return move.step !== undefined ? `degrade:step:${move.step}` : 'degrade:output';
    case 'stop':
      return 'stop';
  }
}
