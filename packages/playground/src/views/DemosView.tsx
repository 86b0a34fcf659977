import type { ReactNode } from 'react';
import { DEMOS } from '../components/DemoCatalog.js';
import { DemoPanel } from '../components/DemoPanel.js';
import type { Route } from '../router.js';

/**
 * The three seed demos (`#/demos`), each runnable with its example inputs and shown in the view that
 * suits it. Every status and verdict shown is the server's, read from the run's events.
 */
export function DemosView(_props: { route: Route }): ReactNode {
  return (
    <section aria-labelledby="demos-title">
      <h1 id="demos-title">Demos</h1>
      <p>
        Three example workflows with scripted (demo) models: no real model is called, so every run gives the
        same answers, and the constraints, recovery ladder and certificate are real.
      </p>
      {DEMOS.map((demo) => (
        <DemoPanel key={demo.workflow} demo={demo} />
      ))}
    </section>
  );
}
