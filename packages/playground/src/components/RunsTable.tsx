import type { ReactNode } from 'react';
import type { RunSummary } from '../api/types.js';
import { href } from '../router.js';
import { DataTable } from './DataTable.js';
import { OutcomeBadge } from './OutcomeBadge.js';

/** A short, still unique-looking form of a run id for labels (`5d5205df`). */
export function shortRunId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function When(props: { iso: string | undefined }): ReactNode {
  if (props.iso === undefined) return <span className="none">—</span>;
  return <time dateTime={props.iso}>{new Date(props.iso).toLocaleString()}</time>;
}

/**
 * The run listing: each row links to its run and has a checkbox to pick it for comparison. At most
 * two can be picked; the others are disabled until one is unticked.
 */
export function RunsTable(props: {
  runs: readonly RunSummary[];
  selected: readonly string[];
  onToggle: (runId: string) => void;
  caption: string;
}): ReactNode {
  const { runs, selected, onToggle, caption } = props;
  const full = selected.length >= 2;
  return (
    <DataTable
      className="data-table"
      testId="runs-table"
      caption={caption}
      columns={['Compare', 'Run', 'Workflow', 'Profile', 'Outcome', 'Started', 'Finished', 'Events']}
    >
      {runs.map((run) => {
        const checked = selected.includes(run.run_id);
        return (
          <tr key={run.run_id} className={checked ? 'selected' : undefined}>
            <td>
              <input
                type="checkbox"
                checked={checked}
                disabled={full && !checked}
                onChange={() => onToggle(run.run_id)}
                aria-label={`Select run ${shortRunId(run.run_id)} (${run.workflow}) for comparison`}
                data-testid={`run-select-${run.run_id}`}
              />
            </td>
            <th scope="row">
              <a href={href(['runs', run.run_id])} title={run.run_id}>
                <code>{shortRunId(run.run_id)}</code>
              </a>
            </th>
            <td>
              {run.workflow} <span className="muted">v{run.workflow_version}</span>
            </td>
            <td>{run.profile}</td>
            <td>
              <OutcomeBadge outcome={run.outcome} />
            </td>
            <td>
              <When iso={run.started_at} />
            </td>
            <td>
              <When iso={run.finished_at} />
            </td>
            <td>{run.event_count}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
