import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** Where in a source file a problem was found. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** JSON-pointer-like path inside the document, e.g. `/steps/answer/constraints/0/kind`. */
  path?: string;
}

/** Options for {@link NanocodeError}. */
export interface NanocodeErrorOptions {
  code: ErrorCode;
  message: string;
  location?: SourceLocation;
  /** A hint for the user, e.g. "did you mean `severity`?". */
  hint?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error base class. `code` is stable API (see docs/errors.md); never reuse a retired code.
 * Failures of a model or a constraint are data (verdicts, events), not NanocodeErrors.
 */
export class NanocodeError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: NanocodeErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NanocodeError';
    this.code = options.code;
    this.location = options.location;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** `file:line:column code message (hint)`: the one-line form the CLI prints. */
  format(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column} ` : '';
    const hint = this.hint ? ` (${this.hint})` : '';
    return `${where}${this.code} ${this.message}${hint}`;
  }

  /** A plain JSON form, for `--json` output and API bodies. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.location ? { location: this.location } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** True when `code` is a registered error code. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
