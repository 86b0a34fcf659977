import type { ReactNode } from 'react';
import type { EvalConstraint, EvalReport } from '../api/evals.js';
import { CONSTRAINT_STATUSES, RECOVERY_STRATEGIES } from '../api/runs.js';
import { formatRate } from '../model/eval-format.js';
import { words } from '../model/format.js';
import { DataTable } from './DataTable.js';

/**
 * Each constraint's pass rate (enforced / cases where it applied) and status counts, and how often its
 * failures sent the ladder to each strategy; the server's figures over every case of the eval.
 */
export function EvalConstraintTable(props: {
  constraints: readonly EvalConstraint[];
  summary: EvalReport;
}): ReactNode {
  const { constraints, summary } = props;
  return (
    <DataTable
      className="data-table"
      testId="eval-constraints"
      caption="Per constraint: pass rate, final statuses, and ladder moves its failures triggered"
      columns={['Constraint', 'Pass rate', ...CONSTRAINT_STATUSES.map(words), ...RECOVERY_STRATEGIES]}
      foot={
        <tr>
          <th scope="row">Cases needing each strategy</th>
          <td colSpan={1 + CONSTRAINT_STATUSES.length}>
            <span className="muted">(a case counts once per strategy it needed)</span>
          </td>
          {RECOVERY_STRATEGIES.map((strategy) => (
            <td key={strategy} data-testid={`eval-strategy-${strategy}`}>
              {summary.strategies[strategy] ?? 0}
            </td>
          ))}
        </tr>
      }
    >
      {constraints.map((constraint) => (
        <tr key={constraint.key} data-testid={`eval-constraint-${constraint.key}`}>
          <th scope="row">
            <code>{constraint.key}</code>
          </th>
          <td>{formatRate(constraint.pass_rate)}</td>
          {CONSTRAINT_STATUSES.map((status) => (
            <td key={status}>{constraint.statuses?.[status] ?? 0}</td>
          ))}
          {RECOVERY_STRATEGIES.map((strategy) => (
            <td key={strategy}>{constraint.strategies?.[strategy] ?? 0}</td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
