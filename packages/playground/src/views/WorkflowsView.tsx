import type { ReactNode } from 'react';

/** Placeholder until this view is built. */
export function WorkflowsView(): ReactNode {
  return (
    <section>
      <h1>Workflows</h1>
      <p>This view is being built.</p>
    </section>
  );
}
