import type { ReactNode } from 'react';
import type { Route } from '../router.js';

/** Placeholder until this view is built. */
export function EvalsView(_props: { route: Route }): ReactNode {
  return (
    <section>
      <h1>Evals</h1>
      <p>This view is being built.</p>
    </section>
  );
}
