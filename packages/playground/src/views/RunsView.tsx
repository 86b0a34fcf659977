import type { ReactNode } from 'react';
import { listRuns, type RunsQuery } from '../api/runs.js';
import { listWorkflows } from '../api/workflows.js';
import { PickTwoBar, usePickTwo } from '../components/PickTwo.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { RunsFilterForm } from '../components/RunsFilterForm.js';
import { RunsTable } from '../components/RunsTable.js';
import { runsFilterFromQuery, runsFilterToQuery } from '../model/runs-filter.js';
import { href, navigate, type Route } from '../router.js';

/** Runs per page; "Older runs" asks for the next page with the server's `next_cursor`. */
export const RUNS_PAGE_SIZE = 25;

/**
 * The run listing (`#/runs`): filters live in the page address, so a filtered view is a link. Rows link
 * to their run; ticking two and pressing Compare opens them side by side.
 */
export function RunsView(props: { route: Route }): ReactNode {
  const { query, ignored } = runsFilterFromQuery(props.route.query);
  // Where the page starts: the opaque `next_cursor` an "Older runs" link carried, checked by the server.
  const cursor = props.route.query.get('cursor') || undefined;
  const queryKey = JSON.stringify({ query, cursor });
  const picks = usePickTwo();
  const page = useFetched({
    key: queryKey,
    load: (signal) =>
      listRuns({ query: { ...query, limit: RUNS_PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal }),
  });
  const runs = page.state === 'ready' ? { state: page.state, value: page.value.runs } : page;
  const older = query.before !== undefined || cursor !== undefined;
  const workflows = useFetched({
    key: 'workflows',
    load: async (signal) => (await listWorkflows({ signal })).map((workflow) => workflow.name),
  });
  const filtered = Object.keys(query).some((name) => name !== 'before');
  const apply = (next: RunsQuery): void => navigate(href(['runs'], runsFilterToQuery(next)));
  const next = page.state === 'ready' ? page.value.next_cursor : undefined;

  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <RunsFilterForm
        query={query}
        workflows={workflows.state === 'ready' ? workflows.value : []}
        onApply={apply}
      />
      {ignored.length > 0 && (
        <div className="error-box" role="alert">
          <p>Some filters in the address were ignored:</p>
          <ul>
            {ignored.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <PickTwoBar
        selected={picks.selected}
        noun="runs"
        testId="compare-button"
        onCompare={(pair) => navigate(href(['compare'], { ...pair }))}
        onClear={picks.clear}
      />
      <p role="status" aria-live="polite" data-testid="runs-status">
        {runs.state === 'loading' && 'Loading runs…'}
        {runs.state === 'ready' &&
          (runs.value.length === 0
            ? ''
            : `${runs.value.length} ${runs.value.length === 1 ? 'run' : 'runs'} shown, newest first${older ? ', older page' : ''}.`)}
      </p>
      {runs.state === 'error' && <ApiErrorBox error={runs.error} what="runs" onRetry={runs.retry} />}
      {runs.state === 'ready' && runs.value.length === 0 && (
        <p className="empty" data-testid="runs-empty">
          {filtered || older
            ? 'No runs match these filters.'
            : 'No runs yet. Start one from Demos or Workflows.'}
        </p>
      )}
      {runs.state === 'ready' && runs.value.length > 0 && (
        <RunsTable
          runs={runs.value}
          selected={picks.selected}
          onToggle={picks.toggle}
          caption={filtered ? 'Runs matching the filters' : 'All runs'}
        />
      )}
      <nav aria-label="Pages of runs" className="actions">
        {older && (
          <a href={href(['runs'], { ...runsFilterToQuery(query), before: undefined })}>Newest runs</a>
        )}
        {next !== undefined && (
          <a href={href(['runs'], { ...runsFilterToQuery(query), cursor: next })} data-testid="runs-older">
            Older runs
          </a>
        )}
      </nav>
    </section>
  );
}
