import type { ReactNode } from 'react';
import type { RunSummary } from '../api/types.js';
import { href } from '../router.js';
import { DataTable } from './DataTable.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { PickCell, shortId } from './PickTwo.js';
import { When } from './When.js';

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
  return (
    <DataTable
      className="data-table"
      testId="runs-table"
      caption={caption}
      columns={['Compare', 'Run', 'Workflow', 'Profile', 'Outcome', 'Started', 'Finished', 'Events']}
    >
      {runs.map((run) => {
        return (
          <tr key={run.run_id} className={selected.includes(run.run_id) ? 'selected' : undefined}>
            <PickCell
              id={run.run_id}
              selected={selected}
              onToggle={onToggle}
              label={`Select run ${shortId(run.run_id)} (${run.workflow}) for comparison`}
              testId={`run-select-${run.run_id}`}
            />
            <th scope="row">
              <a href={href(['runs', run.run_id])} title={run.run_id}>
                <code>{shortId(run.run_id)}</code>
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
