import type { ConstraintContext } from '../spec/constraint.js';
import type { Verdict } from '../spec/verdict.js';
import { selectField } from './select-field.js';

/** Which part of the context a constraint checks. */
export interface SubjectOptions {
  ctx: ConstraintContext;
  field: string | undefined;
  stage: 'input' | 'output';
}

/** A selected value, or the failing verdict when the field is missing. */
export type Subject = { ok: true; value: unknown; path: string } | { ok: false; verdict: Verdict };

/**
 * Selects the value a constraint checks: `field` inside the output (or the inputs, for the input stage);
 * with no field, the whole parsed output (or all inputs). A missing field is a failure, not an error:
 * the output does not have the shape the constraint expects.
 */
export function checkedValue(options: SubjectOptions): Subject {
  const root = options.stage === 'input' ? options.ctx.input : options.ctx.output;
  const selection = selectField({ root, field: options.field });
  if (selection.found) return { ok: true, value: selection.value, path: selection.path };
  const where = options.stage === 'input' ? 'the inputs' : 'the output';
  return {
    ok: false,
    verdict: {
      status: 'fail',
      message: `field \`${options.field}\` is missing from ${where}`,
      evidence: [{ path: selection.path }],
    },
  };
}

/** A selected text, or the failing verdict when the field is missing. */
export type TextSubject = { ok: true; text: string; path: string } | { ok: false; verdict: Verdict };

/**
 * Selects the text a text kind checks. With no field at the output stage this is the raw output text
 * (`ctx.text`); a selected string is used as is, and any other value as its JSON form.
 */
export function checkedText(options: SubjectOptions): TextSubject {
  if (options.field === undefined && options.stage === 'output') {
    return { ok: true, text: options.ctx.text, path: '$' };
  }
  const subject = checkedValue(options);
  if (!subject.ok) return subject;
  return { ok: true, text: asText(subject.value), path: subject.path };
}

/** The text form of a value: strings as is, everything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** A human name for what was checked, for messages: `answer` or `output`. */
export function subjectName(options: { field?: string | undefined; stage: 'input' | 'output' }): string {
  return options.field ?? options.stage;
}
