import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES } from '../api/runs.js';
import type { EvalMatrixFilter } from '../model/eval-matrix.js';
import type { ConstraintStatus, RunOutcome } from '../model/events.js';

interface Draft {
  outcome: string;
  passed: string;
  constraint: string;
  status: string;
}

function draftOf(filter: EvalMatrixFilter): Draft {
  return {
    outcome: filter.outcome ?? '',
    passed: filter.passed === undefined ? '' : String(filter.passed),
    constraint: filter.constraint ?? '',
    status: filter.status ?? '',
  };
}

/** The eval matrix filters: outcome, passed or failed, one constraint, and a status. */
export function EvalFilterForm(props: {
  filter: EvalMatrixFilter;
  constraints: readonly string[];
  onApply: (filter: EvalMatrixFilter) => void;
}): ReactNode {
  const { filter, constraints, onApply } = props;
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(filter));
  const key = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filter's contents.
  useEffect(() => setDraft(draftOf(filter)), [key]);
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const next: EvalMatrixFilter = {};
    if (draft.outcome !== '') next.outcome = draft.outcome as RunOutcome;
    if (draft.passed !== '') next.passed = draft.passed === 'true';
    if (draft.constraint !== '') next.constraint = draft.constraint;
    if (draft.status !== '') next.status = draft.status as ConstraintStatus;
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
        <label htmlFor={`${id}-passed`}>Result</label>
        <select
          id={`${id}-passed`}
          value={draft.passed}
          onChange={set('passed')}
          data-testid="eval-filter-passed"
        >
          <option value="">any</option>
          <option value="true">passed</option>
          <option value="false">failed</option>
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
          {constraints.map((key) => (
            <option key={key} value={key}>
              {key}
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
        <span id={`${id}-status-help`} className="muted">
          Of the chosen constraint, or of any constraint.
        </span>
      </div>
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
