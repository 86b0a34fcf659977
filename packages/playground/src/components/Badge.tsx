import type { ReactNode } from 'react';
import type { Tone } from '../model/tones.js';

/** A coloured label; its text always says what the colour means. */
export function Badge(props: {
  tone: Tone;
  children: ReactNode;
  testId?: string | undefined;
  title?: string | undefined;
}): ReactNode {
  return (
    <span className={`badge ${props.tone}`} data-testid={props.testId} title={props.title}>
      {props.children}
    </span>
  );
}
