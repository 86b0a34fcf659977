import type { FormEvent, ReactNode } from 'react';
import { words } from '../model/format.js';
import { useKeyedState } from './useKeyedState.js';

/**
 * The editable copy of a filter form's values. It starts from `initial()` and starts over whenever `key`
 * (what the applied filters are) changes, say when the address changes under the form.
 */
export function useFilterDraft<D extends Record<string, string>>(options: {
  initial: () => D;
  key: string;
}): {
  draft: D;
  setDraft: (draft: D) => void;
  /** An `onChange` handler that sets one value of the draft. */
  set: (name: keyof D) => (event: { target: { value: string } }) => void;
} {
  const [draft, setDraft] = useKeyedState(options);
  const set = (name: keyof D) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [name]: event.target.value }));
  return { draft, setDraft, set };
}

/** One labelled control of a filter form. */
export function FilterField(props: { id: string; label: string; children: ReactNode }): ReactNode {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

/** A labelled choice of one value, or none (`anyLabel`); with `words`, `_` shows as a space. */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  choices: readonly string[];
  testId: string;
  anyLabel?: string;
  words?: boolean;
  describedBy?: string;
}): ReactNode {
  return (
    <FilterField id={props.id} label={props.label}>
      <select
        id={props.id}
        value={props.value}
        onChange={props.onChange}
        data-testid={props.testId}
        aria-describedby={props.describedBy}
      >
        <option value="">{props.anyLabel ?? 'any'}</option>
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {props.words === true ? words(choice) : choice}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/**
 * A filter form: its fields, a line of help that turns into an alert while the draft has a `problem`
 * (Apply then does nothing), and the Apply and Clear buttons.
 */
export function FilterForm(props: {
  label: string;
  testId?: string;
  help: { id: string; text: string; problem: string | undefined };
  applyTestId: string;
  clearTestId?: string;
  onApply: () => void;
  onClear: () => void;
  children: ReactNode;
}): ReactNode {
  const { help } = props;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (help.problem === undefined) props.onApply();
  };
  return (
    <form className="filters" aria-label={props.label} onSubmit={submit} data-testid={props.testId}>
      {props.children}
      <p
        id={help.id}
        className={help.problem === undefined ? 'muted' : 'error-box'}
        role={help.problem === undefined ? undefined : 'alert'}
      >
        {help.problem ?? help.text}
      </p>
      <div className="actions">
        <button type="submit" data-testid={props.applyTestId}>
          Apply filters
        </button>
        <button type="button" className="secondary" data-testid={props.clearTestId} onClick={props.onClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
