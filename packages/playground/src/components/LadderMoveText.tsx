import type { ReactNode } from 'react';
import { formatTrigger } from '../model/format.js';
import type { LadderMove } from '../model/run-model.js';
import { Badge } from './Badge.js';

/** One ladder move: the strategy, where it went, and what triggered it. */
export function LadderMoveText(props: { move: LadderMove }): ReactNode {
  const { move } = props;
  return (
    <p className="ladder-move" data-testid="ladder-move" data-strategy={move.strategy}>
      <span className="entry-label">Ladder move</span>{' '}
      <Badge tone={move.strategy === 'stop' ? 'fail' : 'info'}>{move.strategy}</Badge> from{' '}
      <code>{move.from}</code> to <code>{move.to}</code>, triggered by {formatTrigger(move.trigger)}
    </p>
  );
}
