import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES } from '../api/runs.js';
import type { EvalViewQuery } from '../model/eval-filter.js';
import type { ConstraintStatus, RunOutcome } from '../model/events.js';

/** The filters the form edits (the page offset is reset on apply). */
export type EvalFilters = Pick<EvalViewQuery, 'outcome' | 'constraint' | 'status'>;

interface Draft {
  outcome: string;
  constraint: string;
  status: string;
}

function draftOf(filters: EvalFilters): Draft {
  return {
    outcome: filters.outcome ?? '',
    constraint: filters.constraint ?? '',
    status: filters.status ?? '',
  };
}

/**
 * The eval matrix filters: outcome, one constraint (its column), and that constraint's final status.
 * The server applies them to every case run, so paging walks the matching rows.
 */
export function EvalFilterForm(props: {
  filters: EvalFilters;
  constraints: readonly string[];
  onApply: (filters: EvalFilters) => void;
}): ReactNode {
  const { filters, constraints, onApply } = props;
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(filters));
  const key = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filters' contents.
  useEffect(() => setDraft(draftOf(filters)), [key]);
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));
  const statusAlone = draft.status !== '' && draft.constraint === '';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (statusAlone) return;
    const next: EvalFilters = {};
    if (draft.outcome !== '') next.outcome = draft.outcome as RunOutcome;
    if (draft.constraint !== '') next.constraint = draft.constraint;
    if (draft.status !== '' && draft.constraint !== '') next.status = draft.status as ConstraintStatus;
    onApply(next);
  };
  return (
    <form className="filters" aria-label="Matrix filters" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          value={draft.outcome}
          onChange={set('outcome')}
          data-testid="eval-filter-outcome"
        >
          <option value="">any</option>
          {RUN_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-constraint`}>Constraint</label>
        <select
          id={`${id}-constraint`}
          value={draft.constraint}
          onChange={set('constraint')}
          data-testid="eval-filter-constraint"
        >
          <option value="">all</option>
          {constraints.map((constraintKey) => (
            <option key={constraintKey} value={constraintKey}>
              {constraintKey}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status of that constraint</label>
        <select
          id={`${id}-status`}
          value={draft.status}
          onChange={set('status')}
          data-testid="eval-filter-status"
          aria-describedby={`${id}-status-help`}
        >
          <option value="">any</option>
          {CONSTRAINT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <p
        id={`${id}-status-help`}
        className={statusAlone ? 'error-box' : 'muted'}
        role={statusAlone ? 'alert' : undefined}
      >
        {statusAlone
          ? 'Choose the constraint whose status to filter on.'
          : 'A status filter applies to the chosen constraint.'}
      </p>
      <div className="actions">
        <button type="submit" data-testid="eval-filter-apply">
          Apply filters
        </button>
        <button
          type="button"
          className="secondary"
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
