import type { ReactNode } from 'react';
import type { Route } from '../router.js';

/** Placeholder until this view is built. */
export function RunView(_props: { runId: string; route: Route }): ReactNode {
  return (
    <section>
      <h1>Run</h1>
      <p>This view is being built.</p>
    </section>
  );
}
