import { isDeepStrictEqual } from 'node:util';

/** Whether a run's output meets a case's expectation, and the first field that does not. */
export interface ExpectationResult {
  ok: boolean;
  /** The first mismatching field (`""` for a whole text output), when not ok. */
  field?: string;
  message?: string;
}

/**
 * Compares a released output with what the case expects. A string expects a text output equal to it
 * (surrounding whitespace aside). An object lists fields that must deep-equal the output's fields (other
 * output fields are ignored). Anything else must deep-equal the whole output. Nothing released never
 * meets an expectation.
 */
export function checkExpected(options: {
  expected: unknown;
  output: unknown;
  released: boolean;
}): ExpectationResult {
  const { expected, output } = options;
  if (!options.released) return { ok: false, field: '', message: 'nothing was released' };
  if (typeof expected === 'string') {
    return typeof output === 'string' && output.trim() === expected.trim()
      ? { ok: true }
      : { ok: false, field: '', message: `expected ${clip(expected)}, got ${clip(output)}` };
  }
  if (isRecord(expected)) {
    if (!isRecord(output))
      return { ok: false, field: '', message: `expected an object, got ${clip(output)}` };
    for (const [field, value] of Object.entries(expected)) {
      if (!isDeepStrictEqual(output[field], value)) {
        return { ok: false, field, message: `${field}: expected ${clip(value)}, got ${clip(output[field])}` };
      }
    }
    return { ok: true };
  }
  return isDeepStrictEqual(output, expected)
    ? { ok: true }
    : { ok: false, field: '', message: `expected ${clip(expected)}, got ${clip(output)}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value short enough for a one-line message. */
function clip(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
