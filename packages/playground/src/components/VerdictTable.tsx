import type { ReactNode } from 'react';
import type { VerdictView } from '../model/run-model.js';
import { verdictTone } from '../model/tones.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';

const CAPTIONS: Record<VerdictView['target'], string> = {
  attempt: "Checks on the attempt's output",
  repair: 'Checks on the repaired output',
  degrade: 'Checks on the degraded answer',
  input: 'Checks on the run inputs',
};

/** The constraint verdicts of one check of an output: each constraint, its verdict and message. */
export function VerdictTable(props: { target: VerdictView['target']; verdicts: VerdictView[] }): ReactNode {
  return (
    <DataTable
      className="verdict-table"
      caption={CAPTIONS[props.target]}
      columns={['Constraint', 'Kind', 'Severity', 'Verdict', 'Message']}
    >
      {props.verdicts.map((verdict) => (
        <tr key={verdict.seq} data-testid="verdict" data-status={verdict.status}>
          <th scope="row">
            <code>{verdict.constraint}</code>
          </th>
          <td>{verdict.kind}</td>
          <td>{verdict.severity}</td>
          <td>
            <Badge tone={verdictTone(verdict.status)}>{verdict.status}</Badge>
          </td>
          <td className="verdict-message">{verdict.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}
