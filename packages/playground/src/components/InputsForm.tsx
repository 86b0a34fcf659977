import { type ReactNode, useId } from 'react';
import type { FieldValue, InputField } from '../model/input-fields.js';

/** Props of {@link InputsForm}. */
export interface InputsFormProps {
  fields: readonly InputField[];
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
  onChange: (name: string, value: FieldValue) => void;
}

/** A labelled control for each declared run input, with its type, limits and whether it is required. */
export function InputsForm(props: InputsFormProps): ReactNode {
  if (props.fields.length === 0) return <p className="empty">This workflow declares no inputs.</p>;
  return (
    <div className="inputs-form stack">
      {props.fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          value={props.values[field.name] ?? ''}
          error={props.errors[field.name]}
          onChange={(value) => props.onChange(field.name, value)}
        />
      ))}
    </div>
  );
}

function hintOf(field: InputField): string {
  const parts = [field.type];
  if (field.control === 'lines') parts.push(`one ${field.itemType ?? 'value'} per line`);
  if (field.control === 'json') parts.push('as JSON');
  if (field.maxLength !== undefined) parts.push(`at most ${field.maxLength} characters`);
  if (field.min !== undefined) parts.push(`at least ${field.min}`);
  if (field.max !== undefined) parts.push(`at most ${field.max}`);
  if (field.default !== undefined) parts.push(`default ${JSON.stringify(field.default)}`);
  return parts.join(', ');
}

function Field(props: {
  field: InputField;
  value: FieldValue;
  error: string | undefined;
  onChange: (value: FieldValue) => void;
}): ReactNode {
  const { field, value, error } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = error === undefined ? hintId : `${hintId} ${errorId}`;
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': error !== undefined,
    'data-testid': `input-${field.name}`,
  };
  const label = (
    <label htmlFor={id}>
      <code>{field.name}</code>
      {field.required ? (
        <>
          {' '}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
          <span className="visually-hidden">(required)</span>
        </>
      ) : null}
    </label>
  );
  let control: ReactNode;
  switch (field.control) {
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => props.onChange(e.target.checked)}
        />
      );
      break;
    case 'select':
      control = (
        <select
          {...common}
          required={field.required}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          step={field.integer ? 1 : 'any'}
          min={field.min}
          max={field.max}
          required={field.required}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
      break;
    case 'text':
      control = (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          required={field.required}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
      break;
    default:
      control = (
        <textarea
          {...common}
          className={field.control === 'json' ? 'code' : undefined}
          rows={field.control === 'textarea' ? 4 : 3}
          maxLength={field.maxLength}
          required={field.required}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
  }
  return (
    <div className={field.control === 'checkbox' ? 'field field-checkbox' : 'field stack'}>
      {field.control === 'checkbox' ? (
        <>
          {control} {label}
        </>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      <span id={hintId} className="field-help">
        {field.description === undefined ? '' : `${field.description} — `}
        {hintOf(field)}
      </span>
      {error === undefined ? null : (
        <span id={errorId} className="field-error" role="alert">
          {field.name}: {error}
        </span>
      )}
    </div>
  );
}
