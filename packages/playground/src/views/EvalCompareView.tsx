import { type ReactNode, useMemo } from 'react';
import { type EvalDetail, getEvalAllCases } from '../api/evals.js';
import { OutcomeBadge } from '../components/OutcomeBadge.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { compareEvals, type RateDelta } from '../model/eval-compare.js';
import { formatRate, formatRateDelta } from '../model/eval-format.js';
import { href, type Route } from '../router.js';
import '../components/RunsViews.css';

function deltaClass(delta: number | null): string | undefined {
  if (delta === null || Math.abs(delta) < 0.0005) return undefined;
  return delta > 0 ? 'delta-up' : 'delta-down';
}

function RateRow(props: { row: RateDelta; label: ReactNode }): ReactNode {
  const { row, label } = props;
  return (
    <tr className={row.delta !== null && Math.abs(row.delta) >= 0.0005 ? 'changed' : undefined}>
      <th scope="row">{label}</th>
      <td>{formatRate(row.a)}</td>
      <td>{formatRate(row.b)}</td>
      <td className={deltaClass(row.delta)}>{formatRateDelta(row.delta)}</td>
    </tr>
  );
}

function describe(detail: EvalDetail): string {
  const { workflow, profile, dataset, status } = detail.eval;
  return `${workflow} under ${profile}, ${dataset}${status === 'finished' ? '' : ` (${status})`}`;
}

/**
 * What changed between two evals (`#/evals/compare?a=<eval>&b=<eval>`): the pass rate and each
 * constraint's, the ladder strategies needed, and the cases (matched by id and repeat) whose outcome or
 * statuses changed.
 */
export function EvalCompareView(props: { route: Route }): ReactNode {
  const a = props.route.query.get('a') ?? '';
  const b = props.route.query.get('b') ?? '';
  const fetched = useFetched({
    key: `${a}\n${b}`,
    load: async (signal) => {
      if (a === '' || b === '') return undefined;
      const [ea, eb] = await Promise.all([
        getEvalAllCases({ id: a, signal }),
        getEvalAllCases({ id: b, signal }),
      ]);
      return { ea, eb };
    },
  });
  const comparison = useMemo(
    () =>
      fetched.state === 'ready' && fetched.value !== undefined
        ? compareEvals({ a: fetched.value.ea.detail, b: fetched.value.eb.detail })
        : undefined,
    [fetched],
  );
  if (a === '' || b === '') {
    return (
      <section aria-labelledby="eval-compare-title">
        <h1 id="eval-compare-title">Compare evals</h1>
        <p className="empty">
          Pick two evals to compare: tick them in the <a href={href(['evals'])}>evals list</a>.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="eval-compare-title" data-testid="eval-compare">
      <h1 id="eval-compare-title">Compare evals</h1>
      <p role="status" aria-live="polite">
        {fetched.state === 'loading' && 'Loading both evals…'}
        {comparison !== undefined &&
          `${comparison.changed.length} changed ${comparison.changed.length === 1 ? 'case' : 'cases'}, ${comparison.unchanged} unchanged.`}
      </p>
      {fetched.state === 'error' && <ApiErrorBox error={fetched.error} what="the evals to compare" />}
      {fetched.state === 'ready' && fetched.value !== undefined && comparison !== undefined && (
        <>
          <ul>
            <li>
              <strong>A:</strong> <a href={href(['evals', a])}>{a}</a> — {describe(fetched.value.ea.detail)}
            </li>
            <li>
              <strong>B:</strong> <a href={href(['evals', b])}>{b}</a> — {describe(fetched.value.eb.detail)}
            </li>
          </ul>
          <div className="actions">
            <a href={href(['evals', 'compare'], { a: b, b: a })}>Swap A and B</a>
          </div>
          {(!fetched.value.ea.complete || !fetched.value.eb.complete) && (
            <p className="error-box" role="note">
              Only the first case runs of a large eval were read; the changed cases below cover those. Pass
              rates are the server's, over every case.
            </p>
          )}
          <table className="data-table" data-testid="eval-compare-constraints">
            <caption>Pass rates, A and B (change in percentage points, B − A)</caption>
            <thead>
              <tr>
                <th scope="col">Constraint</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              <RateRow row={comparison.passRate} label={<strong>Cases passed</strong>} />
              {comparison.constraints.map((row) => (
                <RateRow key={row.key} row={row} label={<code>{row.key}</code>} />
              ))}
            </tbody>
          </table>
          <table className="data-table" data-testid="eval-compare-strategies">
            <caption>Cases needing each ladder strategy</caption>
            <thead>
              <tr>
                <th scope="col">Strategy</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
          {comparison.changed.length === 0 ? (
            <p className="empty" data-testid="eval-compare-no-change">
              No case changed its outcome or constraint statuses.
            </p>
          ) : (
            <table className="data-table" data-testid="eval-compare-cases">
              <caption>
                Changed cases, matched by case id and repeat ({comparison.changed.length} changed,{' '}
                {comparison.unchanged} unchanged
                {comparison.onlyA + comparison.onlyB > 0
                  ? `, ${comparison.onlyA} only in A, ${comparison.onlyB} only in B`
                  : ''}
                )
              </caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Repeat</th>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                  <th scope="col">What changed</th>
                </tr>
              </thead>
              <tbody>
                {comparison.changed.map((change) => (
                  <tr
                    key={`${change.case_id}#${change.repeat}`}
                    data-testid="eval-compare-case"
                    data-case={change.case_id}
                  >
                    <th scope="row">{change.case_id}</th>
                    <td>{change.repeat}</td>
                    <td>
                      {change.a === undefined ? (
                        <span className="none">absent</span>
                      ) : (
                        <a
                          href={href(['runs', change.a.run_id])}
                          aria-label={`Run A of ${change.case_id}, repeat ${change.repeat}: ${change.a.outcome}`}
                        >
                          <OutcomeBadge outcome={change.a.outcome} />
                        </a>
                      )}
                    </td>
                    <td>
                      {change.b === undefined ? (
                        <span className="none">absent</span>
                      ) : (
                        <a
                          href={href(['runs', change.b.run_id])}
                          aria-label={`Run B of ${change.case_id}, repeat ${change.repeat}: ${change.b.outcome}`}
                        >
                          <OutcomeBadge outcome={change.b.outcome} />
                        </a>
                      )}
                    </td>
                    <td>
                      <ul>
                        {change.changes.map((text) => (
                          <li key={text}>{text}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
