import type { ReactNode } from 'react';
import { type EvalDetail, getEvalAllCases } from '../api/evals.js';
import { ComparePage, type Pair } from '../components/ComparePage.js';
import { DataTable } from '../components/DataTable.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { type CaseChange, compareEvals, type RateDelta } from '../model/eval-compare.js';
import { formatRate, formatRateDelta } from '../model/eval-format.js';
import { href, type Route } from '../router.js';

type Loaded = Awaited<ReturnType<typeof getEvalAllCases>>;

function RateRow(props: { row: RateDelta; label: ReactNode }): ReactNode {
  const { row, label } = props;
  // A change under half a tenth of a point shows as ±0.0 and is no change.
  const direction =
    row.delta === null || Math.abs(row.delta) < 0.0005
      ? undefined
      : row.delta > 0
        ? 'delta-up'
        : 'delta-down';
  return (
    <tr className={direction === undefined ? undefined : 'changed'}>
      <th scope="row">{label}</th>
      <td>{formatRate(row.a)}</td>
      <td>{formatRate(row.b)}</td>
      <td className={direction}>{formatRateDelta(row.delta)}</td>
    </tr>
  );
}

/** One side of a changed case: its run's outcome, linking to the run, or that the side has no such case. */
function CaseRun(props: { side: 'A' | 'B'; change: CaseChange }): ReactNode {
  const { side, change } = props;
  const row = side === 'A' ? change.a : change.b;
  return (
    <td>
      {row === undefined ? (
        <span className="none">absent</span>
      ) : (
        <a
          href={href(['runs', row.run_id])}
          aria-label={`Run ${side} of ${change.case_id}, repeat ${change.repeat}: ${row.outcome}`}
        >
          <OutcomeBadge outcome={row.outcome} />
        </a>
      )}
    </td>
  );
}

function describe(detail: EvalDetail): string {
  const { workflow, profile, dataset, status } = detail.eval;
  return `${workflow} under ${profile}, ${dataset}${status === 'finished' ? '' : ` (${status})`}`;
}

const compare = (pair: Pair<Loaded>) => compareEvals({ a: pair.a.detail, b: pair.b.detail });

/**
 * What changed between two evals (`#/evals/compare?a=<eval>&b=<eval>`): the pass rate and each
 * constraint's, the ladder strategies needed, and the cases (matched by id and repeat) whose outcome or
 * statuses changed.
 */
export function EvalCompareView(props: { route: Route }): ReactNode {
  return (
    <ComparePage
      route={props.route}
      title="Compare evals"
      testId="eval-compare"
      noun="evals"
      pick={
        <>
          Pick two evals to compare: tick them in the <a href={href(['evals'])}>evals list</a>.
        </>
      }
      load={getEvalAllCases}
      compare={compare}
      status={(comparison) =>
        `${comparison.changed.length} changed ${comparison.changed.length === 1 ? 'case' : 'cases'}, ${comparison.unchanged} unchanged.`
      }
    >
      {({ ids, pair, comparison }) => (
        <>
          <ul>
            <li>
              <strong>A:</strong> <a href={href(['evals', ids.a])}>{ids.a}</a> — {describe(pair.a.detail)}
            </li>
            <li>
              <strong>B:</strong> <a href={href(['evals', ids.b])}>{ids.b}</a> — {describe(pair.b.detail)}
            </li>
          </ul>
          <div className="actions">
            <a href={href(['evals', 'compare'], { a: ids.b, b: ids.a })}>Swap A and B</a>
          </div>
          {(!pair.a.complete || !pair.b.complete) && (
            <p className="error-box" role="note">
              Only the first case runs of a large eval were read; the changed cases below cover those. Pass
              rates are the server's, over every case.
            </p>
          )}
          <DataTable
            className="data-table"
            testId="eval-compare-constraints"
            caption="Pass rates, A and B (change in percentage points, B − A)"
            columns={['Constraint', 'A', 'B', 'Change']}
          >
            <RateRow row={comparison.passRate} label={<strong>Cases passed</strong>} />
            {comparison.constraints.map((row) => (
              <RateRow key={row.key} row={row} label={<code>{row.key}</code>} />
            ))}
          </DataTable>
          <DataTable
            className="data-table"
            testId="eval-compare-strategies"
            caption="Cases needing each ladder strategy"
            columns={['Strategy', 'A', 'B', 'Change']}
          >
            {comparison.strategies.map((row) => (
              <tr key={row.strategy} className={row.delta !== 0 ? 'changed' : undefined}>
                <th scope="row">{row.strategy}</th>
                <td>{row.a}</td>
                <td>{row.b}</td>
                <td>
                  {row.delta === 0 ? '±0 (same)' : `${row.delta > 0 ? '+' : '−'}${Math.abs(row.delta)}`}
                </td>
              </tr>
            ))}
          </DataTable>
          {comparison.changed.length === 0 ? (
            <p className="empty" data-testid="eval-compare-no-change">
              No case changed its outcome or constraint statuses.
            </p>
          ) : (
            <DataTable
              className="data-table"
              testId="eval-compare-cases"
              caption={`Changed cases, matched by case id and repeat (${comparison.changed.length} changed, ${comparison.unchanged} unchanged${
                comparison.onlyA + comparison.onlyB > 0
                  ? `, ${comparison.onlyA} only in A, ${comparison.onlyB} only in B`
                  : ''
              })`}
              columns={['Case', 'Repeat', 'A', 'B', 'What changed']}
            >
              {comparison.changed.map((change) => (
                <tr
                  key={`${change.case_id}#${change.repeat}`}
                  data-testid="eval-compare-case"
                  data-case={change.case_id}
                >
                  <th scope="row">{change.case_id}</th>
                  <td>{change.repeat}</td>
                  <CaseRun side="A" change={change} />
                  <CaseRun side="B" change={change} />
                  <td>
                    <ul>
                      {change.changes.map((text) => (
                        <li key={text}>{text}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </ComparePage>
  );
}
