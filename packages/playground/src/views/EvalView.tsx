import type { ReactNode } from 'react';
import type { Route } from '../router.js';

/** Placeholder until this view is built. */
export function EvalView(_props: { evalId: string; route: Route }): ReactNode {
  return (
    <section>
      <h1>Eval</h1>
      <p>This view is being built.</p>
    </section>
  );
}
