import { type ReactNode, useId } from 'react';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES, type RunsQuery } from '../api/runs.js';
import { isoToLocalInput, localInputToIso } from '../model/runs-filter.js';
import { FilterField, FilterForm, FilterSelect, useFilterDraft } from './FilterForm.js';

const OUTCOMES = [...RUN_OUTCOMES, 'running'] as const;
const STATUSES = ['running', 'finished'] as const;

function draftOf(query: RunsQuery) {
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
  const id = useId();
  const { draft, setDraft, set } = useFilterDraft({
    initial: () => draftOf(query),
    key: JSON.stringify(query),
  });
  const helpId = `${id}-constraint-help`;

  const apply = (): void => {
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
    <FilterForm
      label="Run filters"
      testId="runs-filters"
      help={{
        id: helpId,
        text: 'A constraint filter needs its id and final status; the step narrows it.',
        problem:
          (draft.constraint.trim() === '') !== (draft.constraint_status === '')
            ? 'Give both the constraint id and its final status, or neither.'
            : undefined,
      }}
      applyTestId="runs-filter-apply"
      clearTestId="runs-filter-clear"
      onApply={apply}
      onClear={() => {
        setDraft(draftOf({}));
        onApply({});
      }}
    >
      <FilterField id={`${id}-workflow`} label="Workflow">
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
      </FilterField>
      <FilterSelect
        id={`${id}-outcome`}
        label="Outcome"
        value={draft.outcome}
        onChange={set('outcome')}
        choices={OUTCOMES}
        words
        testId="runs-filter-outcome"
      />
      <FilterSelect
        id={`${id}-status`}
        label="Status"
        value={draft.status}
        onChange={set('status')}
        choices={STATUSES}
        testId="runs-filter-status"
      />
      <FilterField id={`${id}-since`} label="Started at or after">
        <input
          id={`${id}-since`}
          type="datetime-local"
          value={draft.since}
          onChange={set('since')}
          data-testid="runs-filter-since"
        />
      </FilterField>
      <FilterField id={`${id}-before`} label="Started before">
        <input
          id={`${id}-before`}
          type="datetime-local"
          value={draft.before}
          onChange={set('before')}
          data-testid="runs-filter-before"
        />
      </FilterField>
      <FilterField id={`${id}-constraint`} label="Constraint id">
        <input
          id={`${id}-constraint`}
          value={draft.constraint}
          onChange={set('constraint')}
          data-testid="runs-filter-constraint"
          aria-describedby={helpId}
          autoComplete="off"
        />
      </FilterField>
      <FilterSelect
        id={`${id}-constraint-status`}
        label="Constraint final status"
        value={draft.constraint_status}
        onChange={set('constraint_status')}
        choices={CONSTRAINT_STATUSES}
        words
        testId="runs-filter-constraint-status"
        describedBy={helpId}
      />
      <FilterField id={`${id}-step`} label="At step (optional)">
        <input
          id={`${id}-step`}
          value={draft.step}
          onChange={set('step')}
          data-testid="runs-filter-step"
          aria-describedby={helpId}
          autoComplete="off"
        />
      </FilterField>
    </FilterForm>
  );
}
