import { isAbsolute, relative } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODES, type ExitCode, exitCodeForErrorCode } from './exit-codes.js';

/** A NanocodeError that bundles several (the loader's `ConfigLoadError`). */
interface ErrorBundle extends NanocodeError {
  errors: NanocodeError[];
}

function isBundle(error: NanocodeError): error is ErrorBundle {
  const errors = (error as Partial<ErrorBundle>).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e instanceof NanocodeError);
}

/** The individual errors inside an error: the bundled ones, or the error itself. */
export function flattenErrors(options: { error: NanocodeError }): NanocodeError[] {
  return isBundle(options.error) ? options.error.errors : [options.error];
}

/** A path as the user would type it: relative to `cwd` when it lies inside it. */
export function displayPath(options: { file: string; cwd: string }): string {
  if (!isAbsolute(options.file)) return options.file;
  const rel = relative(options.cwd, options.file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? options.file : rel;
}

/** `file:line:col CODE message (hint)`, with the file shown relative to `cwd`. */
export function formatError(options: { error: NanocodeError; cwd: string }): string {
  const { error } = options;
  if (!error.location) return error.format();
  return new NanocodeError({
    code: error.code,
    message: error.message,
    location: { ...error.location, file: displayPath({ file: error.location.file, cwd: options.cwd }) },
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  }).format();
}

/** The JSON form of any thrown value, for `--json` documents. */
export function errorToJson(options: { error: unknown }): Record<string, unknown> {
  const { error } = options;
  if (error instanceof NanocodeError) {
    const json = error.toJSON();
    return isBundle(error) ? { ...json, errors: error.errors.map((e) => e.toJSON()) } : json;
  }
  return { code: 'NC_RUN_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Writes an error to stderr and returns the exit code it means. NanocodeErrors print one
 * `file:line:col CODE message (hint)` line each. Anything else is a bug: one `NC_RUN_INTERNAL` line,
 * with the stack only under `NANOCODE_DEBUG=1` so users never face a stack trace by default.
 */
export function reportError(options: { error: unknown; io: CliIo }): ExitCode {
  const { error, io } = options;
  if (error instanceof NanocodeError) {
    for (const e of flattenErrors({ error })) io.stderr.write(`${formatError({ error: e, cwd: io.cwd })}\n`);
    return exitCodeForErrorCode({ code: error.code });
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`NC_RUN_INTERNAL ${message.split('\n')[0]}\n`);
  if (io.env.NANOCODE_DEBUG === '1' && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write('(set NANOCODE_DEBUG=1 for the stack trace)\n');
  }
  return EXIT_CODES.error;
}
