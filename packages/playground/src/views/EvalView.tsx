import { type ReactNode, useMemo } from 'react';
import { getEval } from '../api/evals.js';
import { EvalConstraintTable } from '../components/EvalConstraintTable.js';
import { EvalFilterForm } from '../components/EvalFilterForm.js';
import { EvalMatrixTable } from '../components/EvalMatrixTable.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { evalQueryFrom, evalQueryTo } from '../model/eval-filter.js';
import { formatRate } from '../model/eval-format.js';
import { evalMatrix } from '../model/eval-matrix.js';
import { formatUsd } from '../model/format.js';
import { href, navigate, type Route } from '../router.js';
import '../components/RunsViews.css';

/** Case rows per page of the matrix. */
export const EVAL_PAGE_SIZE = 100;

/**
 * One eval (`#/evals/<id>`): its summary, each constraint's pass rate and ladder strategies, and the
 * cases × constraints matrix of one page of case runs, filtered by outcome, result, constraint and status
 * (the filters and page are in the address).
 */
export function EvalView(props: { evalId: string; route: Route }): ReactNode {
  const { evalId } = props;
  const view = evalQueryFrom(props.route.query);
  const { filter, offset } = view;
  const detail = useFetched({
    key: `${evalId}\n${offset}`,
    load: (signal) => getEval({ id: evalId, limit: EVAL_PAGE_SIZE, offset, signal }),
  });
  const matrix = useMemo(
    () =>
      detail.state === 'ready'
        ? evalMatrix({
            constraints: detail.value.constraints.map((c) => c.key),
            cases: detail.value.cases,
            filter,
          })
        : undefined,
    [detail, filter],
  );
  const go = (next: { filter?: typeof filter; offset?: number }): string =>
    href(['evals', evalId], evalQueryTo({ filter: next.filter ?? filter, offset: next.offset ?? offset }));

  return (
    <section aria-labelledby="eval-title">
      <h1 id="eval-title">
        Eval <code>{evalId}</code>
      </h1>
      <p role="status" aria-live="polite">
        {detail.state === 'loading' && 'Loading the eval…'}
        {matrix !== undefined && `${matrix.rows.length} of ${matrix.total} case runs on this page shown.`}
      </p>
      {detail.state === 'error' && <ApiErrorBox error={detail.error} what="the eval" />}
      {detail.state === 'ready' && matrix !== undefined && (
        <>
          <dl className="summary" data-testid="eval-summary">
            <dt>Workflow</dt>
            <dd>
              {detail.value.workflow}
              {detail.value.profile ? ` under ${detail.value.profile}` : ''}
              {detail.value.dataset ? `, dataset ${detail.value.dataset}` : ''}
            </dd>
            <dt>Cases</dt>
            <dd>
              {detail.value.summary.cases} runs: {detail.value.summary.passed} passed,{' '}
              {detail.value.summary.failed} failed ({formatRate(detail.value.summary.pass_rate)})
            </dd>
            <dt>Outcomes</dt>
            <dd>
              {Object.entries(detail.value.summary.outcomes)
                .filter(([, n]) => (n ?? 0) > 0)
                .map(([outcome, n]) => `${outcome.replaceAll('_', ' ')} ${n}`)
                .join(', ') || 'none'}
            </dd>
            <dt>Tokens and cost</dt>
            <dd>
              {detail.value.summary.tokens} tokens, {formatUsd(detail.value.summary.cost_usd)}
            </dd>
          </dl>
          <p>
            <a href={href(['evals'])}>All evals</a>
          </p>
          <EvalConstraintTable constraints={detail.value.constraints} summary={detail.value.summary} />
          <h2>Cases × constraints</h2>
          <EvalFilterForm
            filter={filter}
            constraints={detail.value.constraints.map((c) => c.key)}
            onApply={(next) => navigate(go({ filter: next }))}
          />
          {matrix.rows.length === 0 ? (
            <p className="empty" data-testid="eval-matrix-empty">
              {matrix.total === 0
                ? 'This eval has no case runs.'
                : 'No case run on this page matches the filters.'}
            </p>
          ) : (
            <EvalMatrixTable
              matrix={matrix}
              caption={`Case runs ${offset + 1}–${offset + matrix.total} of ${detail.value.total_cases}${
                matrix.rows.length < matrix.total ? `, ${matrix.rows.length} matching the filters` : ''
              }`}
            />
          )}
          <nav aria-label="Pages of case runs" className="actions">
            {offset > 0 && <a href={go({ offset: Math.max(0, offset - EVAL_PAGE_SIZE) })}>Previous cases</a>}
            {offset + detail.value.cases.length < detail.value.total_cases && (
              <a href={go({ offset: offset + detail.value.cases.length })} data-testid="eval-next-page">
                Next cases
              </a>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
