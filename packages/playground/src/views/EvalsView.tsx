import { type FormEvent, type ReactNode, useId } from 'react';
import { listEvals } from '../api/evals.js';
import { EvalsTable } from '../components/EvalsTable.js';
import { useFilterDraft } from '../components/FilterForm.js';
import { PickTwoBar, usePickTwo } from '../components/PickTwo.js';
import { ApiErrorBox, useFetched } from '../components/RunsFetch.js';
import { href, navigate, type Route } from '../router.js';

/** Evals per page; "Older evals" asks for those started before the last row. */
export const EVALS_PAGE_SIZE = 50;

/** The stored evals (`#/evals`, `?workflow=` narrows them); tick two to compare them. */
export function EvalsView(props: { route: Route }): ReactNode {
  const workflow = props.route.query.get('workflow')?.trim() ?? '';
  const before = props.route.query.get('before') ?? '';
  const { draft, set } = useFilterDraft({ initial: () => ({ workflow }), key: workflow });
  const picks = usePickTwo();
  const id = useId();
  const evals = useFetched({
    key: `${workflow}\n${before}`,
    load: (signal) =>
      listEvals({
        ...(workflow === '' ? {} : { workflow }),
        ...(before === '' ? {} : { before }),
        limit: EVALS_PAGE_SIZE,
        signal,
      }),
  });
  const last = evals.state === 'ready' ? evals.value.at(-1) : undefined;
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    navigate(href(['evals'], { workflow: draft.workflow.trim() }));
  };
  return (
    <section aria-labelledby="evals-title">
      <h1 id="evals-title">Evals</h1>
      <p className="muted">
        Results of <code>nanocode eval</code> runs stored on this server: open one for its cases × constraints
        matrix, or tick two (say, one per profile) to see what changed.
      </p>
      <form className="filters" aria-label="Eval filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor={`${id}-workflow`}>Workflow</label>
          <input
            id={`${id}-workflow`}
            value={draft.workflow}
            onChange={set('workflow')}
            data-testid="evals-filter-workflow"
            autoComplete="off"
          />
        </div>
        <div className="actions">
          <button type="submit">Apply filter</button>
          {workflow !== '' && <a href={href(['evals'])}>All evals</a>}
        </div>
      </form>
      <PickTwoBar
        selected={picks.selected}
        noun="evals"
        testId="eval-compare-button"
        onCompare={(pair) => navigate(href(['evals', 'compare'], { ...pair }))}
        onClear={picks.clear}
      />
      <p role="status" aria-live="polite">
        {evals.state === 'loading' && 'Loading evals…'}
        {evals.state === 'ready' &&
          evals.value.length > 0 &&
          `${evals.value.length} ${evals.value.length === 1 ? 'eval' : 'evals'} shown.`}
      </p>
      {evals.state === 'error' && <ApiErrorBox error={evals.error} what="evals" onRetry={evals.retry} />}
      {evals.state === 'ready' && evals.value.length === 0 && (
        <p className="empty" data-testid="evals-empty">
          {workflow === '' && before === ''
            ? 'No evals stored yet. Run nanocode eval <workflow> <dataset> against this server’s store.'
            : 'No evals match.'}
        </p>
      )}
      {evals.state === 'ready' && evals.value.length > 0 && (
        <EvalsTable
          evals={evals.value}
          selected={picks.selected}
          onToggle={picks.toggle}
          caption={workflow === '' ? 'Stored evals, newest first' : `Evals of ${workflow}, newest first`}
        />
      )}
      <nav aria-label="Pages of evals" className="actions">
        {before !== '' && <a href={href(['evals'], { workflow })}>Newest evals</a>}
        {last !== undefined && evals.state === 'ready' && evals.value.length >= EVALS_PAGE_SIZE && (
          <a href={href(['evals'], { workflow, before: last.started_at })}>Older evals</a>
        )}
      </nav>
    </section>
  );
}
