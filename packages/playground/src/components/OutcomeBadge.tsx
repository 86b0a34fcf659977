import type { ReactNode } from 'react';
import type { RunOutcome } from '../model/events.js';
import { outcomeTone } from '../model/tones.js';
import { Badge } from './Badge.js';

/** A run's outcome as the server gave it; the badge's text is the outcome itself. */
export function OutcomeBadge(props: {
  outcome: RunOutcome | 'running';
  testId?: string | undefined;
}): ReactNode {
  return (
    <Badge tone={outcomeTone(props.outcome)} testId={props.testId}>
      {props.outcome}
    </Badge>
  );
}
