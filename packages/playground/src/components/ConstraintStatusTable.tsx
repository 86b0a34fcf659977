import type { ReactNode } from 'react';
import type { PredicateConstraint } from '../model/certificate-predicate.js';
import type { ConstraintStatus } from '../model/events.js';
import { words } from '../model/format.js';
import { constraintTone } from '../model/tones.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';

const MEANING: Record<ConstraintStatus, string> = {
  enforced: 'held on the released output',
  waived: 'failed, but a waiver allowed it',
  violated: 'failed on the released output',
  unchecked: 'never evaluated on the released output',
  not_applicable: 'its step produced no output to check',
};

/** The final status of every declared constraint, as the certificate states it. */
export function ConstraintStatusTable(props: { constraints: PredicateConstraint[] }): ReactNode {
  if (props.constraints.length === 0) return <p className="empty">This workflow declares no constraints.</p>;
  return (
    <DataTable
      className="constraint-status-table"
      testId="constraint-status-table"
      caption="Constraint statuses in the certificate"
      columns={['Step', 'Constraint', 'Kind', 'Severity', 'Status', 'Last verdict', 'Waiver']}
    >
      {props.constraints.map((constraint) => (
        <tr
          key={`${constraint.step}/${constraint.id}`}
          data-testid="constraint-status"
          data-status={constraint.status}
        >
          <td>
            <code>{constraint.step}</code>
          </td>
          <th scope="row">
            <code>{constraint.id}</code>
          </th>
          <td>{constraint.kind ?? '—'}</td>
          <td>{constraint.severity ?? '—'}</td>
          <td>
            <Badge tone={constraintTone(constraint.status)} title={MEANING[constraint.status]}>
              {words(constraint.status)}
            </Badge>
            <span className="visually-hidden">: {MEANING[constraint.status]}</span>
          </td>
          <td>{constraint.verdict ?? 'not evaluated'}</td>
          <td>
            {constraint.waiver === undefined ? (
              '—'
            ) : (
              <>
                {constraint.waiver.reason} <span className="muted">(approved by</span>{' '}
                {constraint.waiver.granted_by}
                <span className="muted">, expires {constraint.waiver.expires})</span>
              </>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
