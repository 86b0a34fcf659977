import type { RunOutcome } from '../spec/outcome.js';

/**
 * Process exit codes of `nanocode`. They are API (documented in docs/cli.md): scripts and CI use them
 * to tell a certified run from a degraded or stopped one, and both from an error.
 */
export const EXIT_CODES = {
  /** The run was certified (with or without exceptions), or the command succeeded. */
  ok: 0,
  /** An error aborted the run, or an unexpected internal error. */
  error: 1,
  /** The run released a degraded answer. */
  degraded: 2,
  /** The run stopped safely; nothing was released. */
  stopped: 3,
  /** The run was cancelled (SIGINT). */
  cancelled: 130,
  /** The command line is invalid: unknown command or flag, missing argument. */
  usage: 64,
  /** A configuration file or the run inputs are invalid. */
  dataError: 65,
} as const;

/** A process exit code of `nanocode`. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Error codes that mean "the data you gave is invalid", not "something broke". */
function isDataErrorCode(code: string): boolean {
  return code.startsWith('NC_CFG_') || code === 'NC_RUN_INPUT_INVALID' || code === 'NC_CLI_INPUT';
}

/** The exit code of an error, from its stable code. */
export function exitCodeForErrorCode(options: { code: string }): ExitCode {
  if (options.code === 'NC_CLI_USAGE') return EXIT_CODES.usage;
  if (options.code === 'NC_RUN_ABORTED') return EXIT_CODES.cancelled;
  if (isDataErrorCode(options.code)) return EXIT_CODES.dataError;
  return EXIT_CODES.error;
}

/**
 * The exit code of a finished run. A cancelled run (a `stopped` outcome with `NC_RUN_ABORTED`) exits
 * 130 like any interrupted command; an `error` outcome is refined by its code (bad input → 65).
 */
export function exitCodeForOutcome(options: { outcome: RunOutcome; error?: { code: string } }): ExitCode {
  if (options.error?.code === 'NC_RUN_ABORTED') return EXIT_CODES.cancelled;
  switch (options.outcome) {
    case 'certified':
    case 'certified_with_exceptions':
      return EXIT_CODES.ok;
    case 'degraded':
      return EXIT_CODES.degraded;
    case 'stopped':
      return EXIT_CODES.stopped;
    case 'error':
      return options.error ? exitCodeForErrorCode({ code: options.error.code }) : EXIT_CODES.error;
  }
}
