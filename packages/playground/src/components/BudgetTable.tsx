import type { ReactNode } from 'react';
import { formatBudget } from '../model/format.js';
import { BUDGET_LABELS, type BudgetView } from '../model/run-model.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';

/** Budget consumed against its limits, one row per dimension. */
export function BudgetTable(props: { budget: BudgetView }): ReactNode {
  const { budget } = props;
  const exhausted = new Set(budget.exhausted.map((entry) => entry.dimension));
  return (
    <DataTable
      className="budget-table"
      testId="budget-table"
      caption={`Budget ${budget.final ? '(final, from run.completed)' : '(so far, summed from the events)'}`}
      columns={['Dimension', 'Consumed', 'Limit', 'Used']}
    >
      {BUDGET_LABELS.map(({ dimension, label }) => {
        const consumed = budget.consumed[dimension];
        const limit = budget.limits?.[dimension];
        const share = consumed !== null && limit !== undefined && limit > 0 ? consumed / limit : undefined;
        return (
          <tr key={dimension}>
            <th scope="row">{label}</th>
            <td>{formatBudget({ dimension, value: consumed })}</td>
            <td>{limit === undefined ? 'not known yet' : formatBudget({ dimension, value: limit })}</td>
            <td>
              {share === undefined ? (
                '—'
              ) : (
                <>
                  <meter min={0} max={1} value={Math.min(share, 1)} aria-label={`${label} used`} />{' '}
                  {Math.round(share * 100)}%
                </>
              )}
              {exhausted.has(dimension) ? (
                <>
                  {' '}
                  <Badge tone="fail">exhausted</Badge>
                </>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
