import { type ReactNode, useMemo } from 'react';
import { type EvalRecord, getEval } from '../api/evals.js';
import { Badge } from '../components/Badge.js';
import { EvalConstraintTable } from '../components/EvalConstraintTable.js';
import { EvalFilterForm } from '../components/EvalFilterForm.js';
import { EvalMatrixTable } from '../components/EvalMatrixTable.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { When } from '../components/When.js';
import { evalQueryFrom, evalQueryTo, evalServerQuery } from '../model/eval-filter.js';
import { formatRate } from '../model/eval-format.js';
import { evalMatrix } from '../model/eval-matrix.js';
import { formatUsd, words } from '../model/format.js';
import { evalStatusTone } from '../model/tones.js';
import { href, navigate, type Route } from '../router.js';

/** Case rows per page of the matrix. */
export const EVAL_PAGE_SIZE = 100;

function EvalSummaryList(props: { record: EvalRecord }): ReactNode {
  const { record } = props;
  const report = record.summary;
  return (
    <dl className="summary" data-testid="eval-summary">
      <dt>Workflow</dt>
      <dd>
        {record.workflow} under {record.profile}, dataset {record.dataset}
        {record.repeat > 1 ? `, each case run ${record.repeat} times` : ''}
      </dd>
      <dt>Status</dt>
      <dd>
        <Badge tone={evalStatusTone(record.status)}>{record.status}</Badge> started{' '}
        <When iso={record.started_at} />
      </dd>
      {report === undefined ? (
        <>
          <dt>Cases</dt>
          <dd>{record.case_count} case runs stored so far; the report comes when the eval finishes.</dd>
        </>
      ) : (
        <>
          <dt>Cases</dt>
          <dd>
            {report.cases} case runs: {report.passed} passed, {report.failed} failed (
            {formatRate(report.pass_rate)})
          </dd>
          <dt>Outcomes</dt>
          <dd>
            {Object.entries(report.outcomes)
              .filter(([, n]) => (n ?? 0) > 0)
              .map(([outcome, n]) => `${words(outcome)} ${n}`)
              .join(', ') || 'none'}
          </dd>
          {report.expectations !== undefined && report.expectations.checked > 0 && (
            <>
              <dt>Expectations</dt>
              <dd>
                {report.expectations.met} of {report.expectations.checked} met
              </dd>
            </>
          )}
          <dt>Tokens and cost</dt>
          <dd>
            {report.tokens} tokens, {formatUsd(report.cost_usd)}
            {report.cost_unknown_cases
              ? ` (${report.cost_unknown_cases} case runs of unknown cost left out)`
              : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * One eval (`#/evals/<id>`): its report, each constraint's pass rate and ladder strategies, and the
 * cases × constraints matrix, filtered by the server (outcome; a constraint with its status) and paged;
 * the filters and page are in the address.
 */
export function EvalView(props: { evalId: string; route: Route }): ReactNode {
  const { evalId } = props;
  const view = evalQueryFrom(props.route.query);
  const server = evalServerQuery(view);
  const detail = useFetched({
    key: `${evalId}\n${view.offset}\n${JSON.stringify(server)}`,
    load: (signal) =>
      getEval({ id: evalId, limit: EVAL_PAGE_SIZE, offset: view.offset, query: server, signal }),
  });
  const only = view.constraint;
  const matrix = useMemo(
    () =>
      detail.state === 'ready'
        ? evalMatrix({
            constraints: detail.value.constraints.map((c) => c.key),
            cases: detail.value.cases,
            ...(only === undefined ? {} : { only }),
          })
        : undefined,
    [detail, only],
  );
  const filtered = Object.keys(server).length > 0;
  const go = (next: Partial<typeof view>): string =>
    href(['evals', evalId], evalQueryTo({ ...view, ...next }));

  return (
    <section aria-labelledby="eval-title">
      <h1 id="eval-title">
        Eval <code>{evalId}</code>
      </h1>
      <p role="status" aria-live="polite">
        {detail.state === 'loading' && 'Loading the eval…'}
        {detail.state === 'ready' &&
          `${detail.value.total} ${filtered ? 'matching ' : ''}case ${detail.value.total === 1 ? 'run' : 'runs'}; showing ${detail.value.cases.length}.`}
      </p>
      {view.ignored.length > 0 && (
        <div className="error-box" role="alert">
          <p>Some filters in the address were ignored:</p>
          <ul>
            {view.ignored.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {detail.state === 'error' && (
        <ApiErrorBox error={detail.error} what="the eval" onRetry={detail.retry} />
      )}
      {detail.state === 'ready' && matrix !== undefined && (
        <>
          <EvalSummaryList record={detail.value.eval} />
          <p>
            <a href={href(['evals'])}>All evals</a>
          </p>
          {detail.value.eval.summary !== undefined && (
            <EvalConstraintTable constraints={detail.value.constraints} summary={detail.value.eval.summary} />
          )}
          <h2>Cases × constraints</h2>
          <EvalFilterForm
            filters={{
              ...(view.outcome === undefined ? {} : { outcome: view.outcome }),
              ...(view.constraint === undefined ? {} : { constraint: view.constraint }),
              ...(view.status === undefined ? {} : { status: view.status }),
            }}
            constraints={detail.value.constraints.map((c) => c.key)}
            onApply={(next) => navigate(href(['evals', evalId], evalQueryTo({ ...next, offset: 0 })))}
          />
          {matrix.rows.length === 0 ? (
            <p className="empty" data-testid="eval-matrix-empty">
              {filtered ? 'No case run matches the filters.' : 'This eval has no case runs yet.'}
            </p>
          ) : (
            <EvalMatrixTable
              matrix={matrix}
              caption={`${filtered ? 'Matching case runs' : 'Case runs'} ${detail.value.offset + 1}–${
                detail.value.offset + detail.value.cases.length
              } of ${detail.value.total}`}
            />
          )}
          <nav aria-label="Pages of case runs" className="actions">
            {view.offset > 0 && (
              <a href={go({ offset: Math.max(0, view.offset - EVAL_PAGE_SIZE) })}>Previous cases</a>
            )}
            {view.offset + detail.value.cases.length < detail.value.total && (
              <a href={go({ offset: view.offset + detail.value.cases.length })} data-testid="eval-next-page">
                Next cases
              </a>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
