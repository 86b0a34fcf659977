import type { ReactNode } from 'react';
import type { Route } from '../router.js';

/** Placeholder until this view is built. */
export function WorkflowView(_props: { name: string; route: Route }): ReactNode {
  return (
    <section>
      <h1>Workflow</h1>
      <p>This view is being built.</p>
    </section>
  );
}
