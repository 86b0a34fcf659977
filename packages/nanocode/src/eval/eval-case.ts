import type { NanocodeError } from '../spec/errors.js';

/** One case of an eval dataset: the run inputs, and optionally what the run's output should be. */
export interface EvalCase {
  /** The case's `id`, or its 1-based position in the dataset when it has none. */
  id: string;
  inputs: Record<string, unknown>;
  /**
   * What the released output should hold: a string for a text output, or an object whose listed fields
   * must deep-equal the output's fields. Absent: no expectation.
   */
  expected?: unknown;
  /** Where the case starts in its file (1-based line), for messages. */
  line: number;
}

/** What a dataset reader yields: a case, or a row that could not be read (with its `file:line` error). */
export type DatasetItem = { kind: 'case'; case: EvalCase } | { kind: 'invalid'; error: NanocodeError };
