import { type ReactNode, useId } from 'react';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES } from '../api/runs.js';
import type { EvalViewQuery } from '../model/eval-filter.js';
import type { ConstraintStatus, RunOutcome } from '../model/events.js';
import { FilterForm, FilterSelect, useFilterDraft } from './FilterForm.js';

/** The filters the form edits (the page offset is reset on apply). */
export type EvalFilters = Pick<EvalViewQuery, 'outcome' | 'constraint' | 'status'>;

function draftOf(filters: EvalFilters): { outcome: string; constraint: string; status: string } {
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
  const { draft, setDraft, set } = useFilterDraft({
    initial: () => draftOf(filters),
    key: JSON.stringify(filters),
  });
  const apply = (): void => {
    const next: EvalFilters = {};
    if (draft.outcome !== '') next.outcome = draft.outcome as RunOutcome;
    if (draft.constraint !== '') next.constraint = draft.constraint;
    if (draft.status !== '' && draft.constraint !== '') next.status = draft.status as ConstraintStatus;
    onApply(next);
  };
  return (
    <FilterForm
      label="Matrix filters"
      help={{
        id: `${id}-status-help`,
        text: 'A status filter applies to the chosen constraint.',
        problem:
          draft.status !== '' && draft.constraint === ''
            ? 'Choose the constraint whose status to filter on.'
            : undefined,
      }}
      applyTestId="eval-filter-apply"
      onApply={apply}
      onClear={() => {
        setDraft(draftOf({}));
        onApply({});
      }}
    >
      <FilterSelect
        id={`${id}-outcome`}
        label="Outcome"
        value={draft.outcome}
        onChange={set('outcome')}
        choices={RUN_OUTCOMES}
        words
        testId="eval-filter-outcome"
      />
      <FilterSelect
        id={`${id}-constraint`}
        label="Constraint"
        value={draft.constraint}
        onChange={set('constraint')}
        choices={constraints}
        anyLabel="all"
        testId="eval-filter-constraint"
      />
      <FilterSelect
        id={`${id}-status`}
        label="Status of that constraint"
        value={draft.status}
        onChange={set('status')}
        choices={CONSTRAINT_STATUSES}
        words
        testId="eval-filter-status"
        describedBy={`${id}-status-help`}
      />
    </FilterForm>
  );
}
