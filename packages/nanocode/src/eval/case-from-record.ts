import { NanocodeError } from '../spec/errors.js';
import type { DatasetItem } from './eval-case.js';

const STRUCTURED_KEYS = new Set(['id', 'inputs', 'expected']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `NC_EVAL_CASE` error located at `file:line`. */
export function invalidCase(options: { file: string; line: number; message: string }): DatasetItem {
  return {
    kind: 'invalid',
    error: new NanocodeError({
      code: 'NC_EVAL_CASE',
      message: options.message,
      location: { file: options.file, line: options.line, column: 1 },
    }),
  };
}

/**
 * Turns one parsed dataset record into a case. An object with an `inputs` key is the structured form
 * `{ id?, inputs, expected? }` (other keys are refused, to catch typos). Any other object is flat: its keys
 * are the inputs, except `id` and `expected`, which keep their meaning. `position` (1-based) is the id
 * of a case that has none.
 */
export function caseFromRecord(options: {
  record: unknown;
  file: string;
  line: number;
  position: number;
}): DatasetItem {
  const { record, file, line } = options;
  if (!isPlainObject(record)) {
    return invalidCase({ file, line, message: 'a case must be an object' });
  }
  let inputs: Record<string, unknown>;
  if (Object.hasOwn(record, 'inputs')) {
    const unknown = Object.keys(record).filter((key) => !STRUCTURED_KEYS.has(key));
    if (unknown.length > 0) {
      return invalidCase({
        file,
        line,
        message: `unknown key ${JSON.stringify(unknown[0])} beside "inputs" (a case is { id?, inputs, expected? })`,
      });
    }
    if (!isPlainObject(record.inputs))
      return invalidCase({ file, line, message: '"inputs" must be an object' });
    inputs = record.inputs;
  } else {
    inputs = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'id' && key !== 'expected'));
  }
  const id = record.id;
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
    return invalidCase({ file, line, message: '"id" must be a string or a number' });
  }
  return {
    kind: 'case',
    case: {
      id: id === undefined ? String(options.position) : String(id),
      inputs,
      line,
      ...(record.expected === undefined ? {} : { expected: record.expected }),
    },
  };
}
