import { NanocodeError } from '../spec/errors.js';

/**
 * Thrown by `loadConfig` when configuration does not load. It lists every problem found, not just the
 * first; its own `code`, `message` and `location` are the first one's.
 */
export class ConfigLoadError extends NanocodeError {
  readonly errors: NanocodeError[];

  constructor(options: { errors: NanocodeError[] }) {
    const first = options.errors[0];
    if (!first) throw new TypeError('ConfigLoadError needs at least one error');
    const more = options.errors.length > 1 ? ` (and ${options.errors.length - 1} more)` : '';
    super({
      code: first.code,
      message: `${first.message}${more}`,
      ...(first.location ? { location: first.location } : {}),
      ...(first.hint ? { hint: first.hint } : {}),
    });
    this.name = 'ConfigLoadError';
    this.errors = options.errors;
  }

  /** Every problem, one `file:line:column CODE message` line each. */
  formatAll(): string {
    return this.errors.map((error) => error.format()).join('\n');
  }
}
