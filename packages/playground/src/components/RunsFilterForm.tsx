import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES, type RunsQuery } from '../api/runs.js';
import { isoToLocalInput, localInputToIso } from '../model/runs-filter.js';

interface Draft {
  workflow: string;
  outcome: string;
  status: string;
  since: string;
  before: string;
  constraint: string;
  constraint_status: string;
  step: string;
}

function draftOf(query: RunsQuery): Draft {
  return {
    workflow: query.workflow ?? '',
    outcome: query.outcome ?? '',
    status: query.status ?? '',
    since: isoToLocalInput(query.since),
    before: isoToLocalInput(query.before),
    constraint: query.constraint ?? '',
    constraint_status: query.constraint_status ?? '',
    step: query.step ?? '',
  };
}

/**
 * The run filters as a form. It edits a draft; Apply hands the filters on (the view puts them in the
 * page address). A time left as shown keeps its exact value (paging sets `before` to the millisecond).
 */
export function RunsFilterForm(props: {
  query: RunsQuery;
  workflows: readonly string[];
  onApply: (query: RunsQuery) => void;
}): ReactNode {
  const { query, workflows, onApply } = props;
  const [draft, setDraft] = useState(() => draftOf(query));
  const id = useId();
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the query's contents.
  useEffect(() => setDraft(draftOf(query)), [queryKey]);
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));
  const constraintHalf = (draft.constraint.trim() === '') !== (draft.constraint_status === '');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (constraintHalf) return;
    const time = (name: 'since' | 'before'): string | undefined =>
      draft[name] === isoToLocalInput(query[name]) ? query[name] : localInputToIso(draft[name]);
    const next: RunsQuery = {};
    if (draft.workflow.trim() !== '') next.workflow = draft.workflow.trim();
    if (draft.outcome !== '') next.outcome = draft.outcome as NonNullable<RunsQuery['outcome']>;
    if (draft.status !== '') next.status = draft.status as NonNullable<RunsQuery['status']>;
    const since = time('since');
    if (since !== undefined) next.since = since;
    const before = time('before');
    if (before !== undefined) next.before = before;
    if (draft.constraint.trim() !== '' && draft.constraint_status !== '') {
      next.constraint = draft.constraint.trim();
      next.constraint_status = draft.constraint_status as NonNullable<RunsQuery['constraint_status']>;
      if (draft.step.trim() !== '') next.step = draft.step.trim();
    }
    onApply(next);
  };

  return (
    <form className="filters" aria-label="Run filters" onSubmit={submit} data-testid="runs-filters">
      <div className="field">
        <label htmlFor={`${id}-workflow`}>Workflow</label>
        <input
          id={`${id}-workflow`}
          list={`${id}-workflows`}
          value={draft.workflow}
          onChange={set('workflow')}
          data-testid="runs-filter-workflow"
          autoComplete="off"
        />
        <datalist id={`${id}-workflows`}>
          {workflows.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          value={draft.outcome}
          onChange={set('outcome')}
          data-testid="runs-filter-outcome"
        >
          <option value="">any</option>
          {[...RUN_OUTCOMES, 'running' as const].map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={draft.status}
          onChange={set('status')}
          data-testid="runs-filter-status"
        >
          <option value="">any</option>
          <option value="running">running</option>
          <option value="finished">finished</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-since`}>Started at or after</label>
        <input
          id={`${id}-since`}
          type="datetime-local"
          value={draft.since}
          onChange={set('since')}
          data-testid="runs-filter-since"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-before`}>Started before</label>
        <input
          id={`${id}-before`}
          type="datetime-local"
          value={draft.before}
          onChange={set('before')}
          data-testid="runs-filter-before"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-constraint`}>Constraint id</label>
        <input
          id={`${id}-constraint`}
          value={draft.constraint}
          onChange={set('constraint')}
          data-testid="runs-filter-constraint"
          aria-describedby={`${id}-constraint-help`}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-constraint-status`}>Constraint final status</label>
        <select
          id={`${id}-constraint-status`}
          value={draft.constraint_status}
          onChange={set('constraint_status')}
          data-testid="runs-filter-constraint-status"
          aria-describedby={`${id}-constraint-help`}
        >
          <option value="">any</option>
          {CONSTRAINT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-step`}>At step (optional)</label>
        <input
          id={`${id}-step`}
          value={draft.step}
          onChange={set('step')}
          data-testid="runs-filter-step"
          aria-describedby={`${id}-constraint-help`}
          autoComplete="off"
        />
      </div>
      <p
        id={`${id}-constraint-help`}
        className={constraintHalf ? 'error-box' : 'muted'}
        role={constraintHalf ? 'alert' : undefined}
      >
        {constraintHalf
          ? 'Give both the constraint id and its final status, or neither.'
          : 'A constraint filter needs its id and final status; the step narrows it.'}
      </p>
      <div className="actions">
        <button type="submit" data-testid="runs-filter-apply">
          Apply filters
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="runs-filter-clear"
          onClick={() => {
            setDraft(draftOf({}));
            onApply({});
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
