import type { InputSchema } from '../api/types.js';

/** The form control an input gets. */
export type FieldControl = 'text' | 'textarea' | 'number' | 'checkbox' | 'select' | 'lines' | 'json';

/** One field of the inputs form, derived from a declared input's schema. */
export interface InputField {
  name: string;
  control: FieldControl;
  /** The schema's type, for the hint shown beside the field. */
  type: string;
  /** An input without a default must be given (the server's rule). */
  required: boolean;
  description?: string;
  /** For `select`: each allowed value, as JSON text (the option's value) and as shown. */
  options?: Array<{ value: string; label: string }>;
  integer?: boolean;
  /** For `lines`: what each line is parsed as. */
  itemType?: 'string' | 'number';
  min?: number;
  max?: number;
  maxLength?: number;
  default?: unknown;
}

/** A form value: text, or a checkbox's state. */
export type FieldValue = string | boolean;

const LONG_TEXT = 120;

/** The form fields of a workflow's declared inputs, in declaration order. */
export function inputFields(inputs: Record<string, InputSchema>): InputField[] {
  return Object.entries(inputs).map(([name, schema]) => fieldOf({ name, schema }));
}

function fieldOf(options: { name: string; schema: InputSchema }): InputField {
  const { name, schema } = options;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  const base: InputField = {
    name,
    control: 'json',
    type,
    required: !Object.hasOwn(schema, 'default'),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(Object.hasOwn(schema, 'default') ? { default: schema.default } : {}),
  };
  if (Array.isArray(schema.enum)) {
    return {
      ...base,
      control: 'select',
      options: schema.enum.map((value) => ({ value: JSON.stringify(value), label: String(value) })),
    };
  }
  switch (schema.type) {
    case 'string': {
      const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
      const long = maxLength === undefined || maxLength > LONG_TEXT;
      return {
        ...base,
        control: long ? 'textarea' : 'text',
        ...(maxLength === undefined ? {} : { maxLength }),
      };
    }
    case 'number':
    case 'integer':
      return {
        ...base,
        control: 'number',
        integer: schema.type === 'integer',
        ...(typeof schema.minimum === 'number' ? { min: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { max: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...base, control: 'checkbox' };
    case 'array': {
      const itemType = schema.items?.type;
      if (itemType === 'string') return { ...base, control: 'lines', itemType: 'string' };
      if (itemType === 'number' || itemType === 'integer')
        return { ...base, control: 'lines', itemType: 'number' };
      return base;
    }
    default:
      return base;
  }
}

/** The form's starting values: each default, else empty. */
export function initialValues(fields: readonly InputField[]): Record<string, FieldValue> {
  return Object.fromEntries(
    fields.map((field) => [field.name, toFieldValue({ field, value: field.default })]),
  );
}

/** A value as the form shows it (for defaults and recorded inputs). */
export function toFieldValue(options: { field: InputField; value: unknown }): FieldValue {
  const { field, value } = options;
  if (field.control === 'checkbox') return value === true;
  if (value === undefined) return '';
  switch (field.control) {
    case 'select':
      return JSON.stringify(value);
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'number':
      return String(value);
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'json':
      return JSON.stringify(value, null, 2);
  }
}

/**
 * Turns the form's values into run inputs. An optional field left empty is left out, so the server
 * applies its default; the server still validates the inputs against the schema when the run starts.
 */
export function collectInputs(options: {
  fields: readonly InputField[];
  values: Record<string, FieldValue>;
}): {
  inputs: Record<string, unknown>;
  errors: Record<string, string>;
} {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of options.fields) {
    const raw = options.values[field.name];
    if (field.control === 'checkbox') {
      inputs[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    // Whitespace is a valid string; for the other controls it means nothing was entered.
    const isText = field.control === 'text' || field.control === 'textarea';
    if (isText ? text === '' : text.trim() === '') {
      if (field.required) errors[field.name] = 'required';
      continue;
    }
    const parsed = parseField({ field, text });
    if ('error' in parsed) errors[field.name] = parsed.error;
    else inputs[field.name] = parsed.value;
  }
  return { inputs, errors };
}

function parseField(options: { field: InputField; text: string }): { value: unknown } | { error: string } {
  const { field, text } = options;
  switch (field.control) {
    case 'text':
    case 'textarea':
      return { value: text };
    case 'number': {
      const value = Number(text);
      if (!Number.isFinite(value)) return { error: 'not a number' };
      if (field.integer && !Number.isInteger(value)) return { error: 'not a whole number' };
      return { value };
    }
    case 'select':
      return parseJson(text);
    case 'lines': {
      const items = text.split('\n').filter((line) => line.trim() !== '');
      if (field.itemType !== 'number') return { value: items };
      const numbers = items.map(Number);
      return numbers.every(Number.isFinite) ? { value: numbers } : { error: 'every line must be a number' };
    }
    case 'json':
      return parseJson(text);
    case 'checkbox':
      return { value: text === 'true' };
  }
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
