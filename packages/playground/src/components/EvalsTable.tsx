import type { ReactNode } from 'react';
import type { EvalRecord } from '../api/evals.js';
import { formatRate } from '../model/eval-format.js';
import { evalStatusTone } from '../model/tones.js';
import { href } from '../router.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';
import { PickCell, shortId } from './PickTwo.js';
import { When } from './When.js';

/** The stored evals: each links to its matrix; a checkbox picks it for comparison (two at most). */
export function EvalsTable(props: {
  evals: readonly EvalRecord[];
  selected: readonly string[];
  onToggle: (id: string) => void;
  caption: string;
}): ReactNode {
  const { evals, selected, onToggle, caption } = props;
  return (
    <DataTable
      className="data-table"
      testId="evals-table"
      caption={caption}
      columns={[
        'Compare',
        'Eval',
        'Workflow',
        'Profile',
        'Dataset',
        'Status',
        'Case runs',
        'Passed',
        'Pass rate',
        'Started',
      ]}
    >
      {evals.map((item) => {
        return (
          <tr key={item.eval_id} className={selected.includes(item.eval_id) ? 'selected' : undefined}>
            <PickCell
              id={item.eval_id}
              selected={selected}
              onToggle={onToggle}
              label={`Select eval ${shortId(item.eval_id)} (${item.workflow}, ${item.profile}) for comparison`}
              testId={`eval-select-${item.eval_id}`}
            />
            <th scope="row">
              <a href={href(['evals', item.eval_id])} title={item.eval_id}>
                <code>{shortId(item.eval_id)}</code>
              </a>
            </th>
            <td>{item.workflow}</td>
            <td>{item.profile}</td>
            <td>{item.dataset}</td>
            <td>
              <Badge tone={evalStatusTone(item.status)}>{item.status}</Badge>
            </td>
            <td>{item.summary?.cases ?? item.case_count}</td>
            <td>{item.summary === undefined ? '—' : item.summary.passed}</td>
            <td>{item.summary === undefined ? 'not reported yet' : formatRate(item.summary.pass_rate)}</td>
            <td>
              <When iso={item.started_at} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
