import type { ReactNode } from 'react';
import { getRunDocument } from '../api/run-document.js';
import type { RunDocument } from '../api/types.js';
import { ComparePage } from '../components/ComparePage.js';
import { CompareTable } from '../components/CompareTable.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { When } from '../components/When.js';
import { compareRuns } from '../model/compare-runs.js';
import { href, type Route } from '../router.js';

function RunHeading(props: { label: string; run: RunDocument }): ReactNode {
  const { label, run } = props;
  return (
    <li>
      <strong>{label}:</strong> <a href={href(['runs', run.summary.run_id])}>{run.summary.run_id}</a> —{' '}
      {run.summary.workflow} under <code>{run.summary.profile}</code>, started{' '}
      <When iso={run.summary.started_at} />, <OutcomeBadge outcome={run.summary.outcome} />
    </li>
  );
}

/** Two runs side by side (`#/compare?a=<run>&b=<run>`), built from their recorded events. */
export function CompareView(props: { route: Route }): ReactNode {
  return (
    <ComparePage
      route={props.route}
      title="Compare runs"
      testId="run-compare"
      noun="runs"
      pick={
        <>
          Pick two runs to compare: tick them in the <a href={href(['runs'])}>runs list</a> and press Compare.
        </>
      }
      load={({ id, signal }) => getRunDocument({ runId: id, signal })}
      compare={compareRuns}
      status={(comparison) =>
        `Compared: ${comparison.differences} ${comparison.differences === 1 ? 'difference' : 'differences'}.`
      }
    >
      {({ ids, pair, comparison }) => (
        <>
          <ul>
            <RunHeading label="Run A" run={pair.a} />
            <RunHeading label="Run B" run={pair.b} />
          </ul>
          <div className="actions">
            <a href={href(['compare'], { a: ids.b, b: ids.a })}>Swap A and B</a>
            <a href={href(['runs'])}>Back to runs</a>
          </div>
          {pair.a.summary.outcome === 'running' || pair.b.summary.outcome === 'running' ? (
            <p className="muted">
              A run is still in progress: its final statuses are not known yet. Reload to update.
            </p>
          ) : null}
          <CompareTable comparison={comparison} labelA="Run A" labelB="Run B" />
        </>
      )}
    </ComparePage>
  );
}
