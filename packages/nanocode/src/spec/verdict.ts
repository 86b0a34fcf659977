/** The outcome of evaluating one constraint once. */
export type VerdictStatus = 'pass' | 'fail' | 'error';

/** Where in the output a verdict points. */
export interface Evidence {
  /** JSON path into the checked value, e.g. `$.answer` or `$` for the whole output. */
  path?: string;
  /** Character span `[start, end)` in the checked text. */
  span?: [number, number];
  /** The offending (or matching) value, truncated by the evaluator where it is large. */
  value?: unknown;
}

/** A verdict is data, never a thrown string. */
export interface Verdict {
  status: VerdictStatus;
  message: string;
  evidence: Evidence[];
}
