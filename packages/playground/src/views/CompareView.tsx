import { type ReactNode, useMemo } from 'react';
import { getRunDocument } from '../api/run-document.js';
import type { RunDocument } from '../api/types.js';
import { CompareTable } from '../components/CompareTable.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { compareRuns } from '../model/compare-runs.js';
import { href, type Route } from '../router.js';
import '../components/RunsViews.css';

function RunHeading(props: { label: string; run: RunDocument }): ReactNode {
  const { label, run } = props;
  return (
    <li>
      <strong>{label}:</strong> <a href={href(['runs', run.summary.run_id])}>{run.summary.run_id}</a> —{' '}
      {run.summary.workflow} under <code>{run.summary.profile}</code>, started{' '}
      <time dateTime={run.summary.started_at}>{new Date(run.summary.started_at).toLocaleString()}</time>,{' '}
      <OutcomeBadge outcome={run.summary.outcome} />
    </li>
  );
}

/** Two runs side by side (`#/compare?a=<run>&b=<run>`), built from their recorded events. */
export function CompareView(props: { route: Route }): ReactNode {
  const a = props.route.query.get('a') ?? '';
  const b = props.route.query.get('b') ?? '';
  const fetched = useFetched({
    key: `${a}\n${b}`,
    load: async (signal) => {
      if (a === '' || b === '') return undefined;
      const [runA, runB] = await Promise.all([
        getRunDocument({ runId: a, signal }),
        getRunDocument({ runId: b, signal }),
      ]);
      return { runA, runB };
    },
  });
  const comparison = useMemo(
    () =>
      fetched.state === 'ready' && fetched.value !== undefined
        ? compareRuns({ a: fetched.value.runA, b: fetched.value.runB })
        : undefined,
    [fetched],
  );
  if (a === '' || b === '') {
    return (
      <section aria-labelledby="compare-title">
        <h1 id="compare-title">Compare runs</h1>
        <p className="empty">
          Pick two runs to compare: tick them in the <a href={href(['runs'])}>runs list</a> and press Compare.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="compare-title" data-testid="run-compare">
      <h1 id="compare-title">Compare runs</h1>
      <p role="status" aria-live="polite">
        {fetched.state === 'loading' && 'Loading both runs…'}
        {comparison !== undefined &&
          `Compared: ${comparison.differences} ${comparison.differences === 1 ? 'difference' : 'differences'}.`}
      </p>
      {fetched.state === 'error' && <ApiErrorBox error={fetched.error} what="the runs to compare" />}
      {fetched.state === 'ready' && fetched.value !== undefined && comparison !== undefined && (
        <>
          <ul>
            <RunHeading label="Run A" run={fetched.value.runA} />
            <RunHeading label="Run B" run={fetched.value.runB} />
          </ul>
          <div className="actions">
            <a href={href(['compare'], { a: b, b: a })}>Swap A and B</a>
            <a href={href(['runs'])}>Back to runs</a>
          </div>
          {fetched.value.runA.summary.outcome === 'running' ||
          fetched.value.runB.summary.outcome === 'running' ? (
            <p className="muted">
              A run is still in progress: its final statuses are not known yet. Reload to update.
            </p>
          ) : null}
          <CompareTable comparison={comparison} labelA="Run A" labelB="Run B" />
        </>
      )}
    </section>
  );
}
