import type { ReactNode } from 'react';
import { RECOVERY_STRATEGIES } from '../api/runs.js';
import type { EvalMatrix } from '../model/eval-matrix.js';
import type { RecoveryStrategy } from '../model/events.js';
import { formatUsd, words } from '../model/format.js';
import { constraintTone } from '../model/tones.js';
import { href } from '../router.js';
import { Badge } from './Badge.js';
import { DataTable } from './DataTable.js';
import { OutcomeBadge } from './OutcomeBadge.js';

function ladderText(ladder: Partial<Record<RecoveryStrategy, number>>): string {
  const parts = RECOVERY_STRATEGIES.filter((s) => (ladder[s] ?? 0) > 0).map((s) => `${s} ${ladder[s]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/**
 * Cases × constraints: a row per case run (its id links to the run), a column per constraint, each cell
 * the final status in words on its colour.
 */
export function EvalMatrixTable(props: { matrix: EvalMatrix; caption: string }): ReactNode {
  const { matrix, caption } = props;
  return (
    // The wrapper scrolls sideways; focusable and named so keyboard users can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="matrix-wrap" tabIndex={0} aria-label="Eval matrix (scrolls sideways)">
      <DataTable
        className="data-table matrix"
        testId="eval-matrix"
        caption={caption}
        columns={[
          'Case',
          'Repeat',
          'Outcome',
          'Passed',
          'Expected',
          ...matrix.columns.map((key) => <code key={key}>{key}</code>),
          'Ladder moves',
          'Tokens',
          'Cost',
        ]}
      >
        {matrix.rows.map(({ row, cells }) => (
          <tr key={`${row.case_id}#${row.repeat}`} data-testid="eval-row" data-case={row.case_id}>
            <th scope="row">
              {row.run_id === '' ? (
                row.case_id
              ) : (
                <a href={href(['runs', row.run_id])} title={`Run ${row.run_id}`}>
                  {row.case_id}
                </a>
              )}
            </th>
            <td>{row.repeat}</td>
            <td>
              <OutcomeBadge outcome={row.outcome} />
            </td>
            <td>
              <Badge tone={row.passed ? 'pass' : 'fail'}>{row.passed ? 'passed' : 'failed'}</Badge>
            </td>
            <td>
              {row.expected_ok === undefined || row.expected_ok === null
                ? '—'
                : row.expected_ok
                  ? 'met'
                  : 'not met'}
            </td>
            {cells.map((cell) => (
              <td
                key={cell.key}
                data-testid="eval-cell"
                data-constraint={cell.key}
                data-status={cell.status ?? 'none'}
              >
                {cell.status === undefined ? (
                  <span className="none">not listed</span>
                ) : (
                  <Badge tone={constraintTone(cell.status)}>{words(cell.status)}</Badge>
                )}
              </td>
            ))}
            <td>{ladderText(row.ladder)}</td>
            <td>{row.tokens}</td>
            <td>{formatUsd(row.cost_usd)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
