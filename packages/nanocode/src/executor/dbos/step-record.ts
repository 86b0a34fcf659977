import { AdapterError, type AdapterErrorCode } from '../../spec/adapter.js';
import { ERROR_CODES, type ErrorCode } from '../../spec/error-codes.js';
import { NanocodeError } from '../../spec/errors.js';

/**
 * Which execution of a run produced a recorded effect. The first execution is 1; a run the engine
 * started again (its worker restarted, or the reaper moved it) counts up, and says who ran it before and
 * which effects it had begun but never recorded.
 */
export interface ExecutionMark {
  n: number;
  executor: string;
  previous_executor?: string;
  reexecuted?: string[];
}

/** An effect's failure as recorded: plain JSON, turned back into the same error on delivery. */
export type RecordedError =
  | {
      kind: 'adapter';
      code: string;
      message: string;
      retryable: boolean;
      status?: number;
      retry_after_ms?: number;
    }
  | { kind: 'nanocode'; code: string; message: string; hint?: string }
  | { kind: 'error'; message: string };

/**
 * What one DBOS step of a run records: the effect's result or failure, the wall-clock time it finished
 * (the run's clock advances to it on delivery), and the execution that produced it.
 */
export type StepRecord =
  | { ok: true; value: unknown; at: number; exec: ExecutionMark }
  | { ok: false; error: RecordedError; at: number; exec: ExecutionMark };

/** The recorded form of anything an effect threw. */
export function recordError(error: unknown): RecordedError {
  if (error instanceof AdapterError) {
    return {
      kind: 'adapter',
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
    };
  }
  if (error instanceof NanocodeError) {
    return {
      kind: 'nanocode',
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    };
  }
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** The error a recorded failure stands for: the runner reads its code, message and flags, nothing else. */
export function reviveError(recorded: RecordedError): Error {
  switch (recorded.kind) {
    case 'adapter':
      return new AdapterError({
        code: recorded.code as AdapterErrorCode,
        message: recorded.message,
        retryable: recorded.retryable,
        ...(recorded.status === undefined ? {} : { status: recorded.status }),
        ...(recorded.retry_after_ms === undefined ? {} : { retry_after_ms: recorded.retry_after_ms }),
      });
    case 'nanocode':
      return new NanocodeError({
        code: (Object.hasOwn(ERROR_CODES, recorded.code) ? recorded.code : 'NC_RUN_INTERNAL') as ErrorCode,
        message: recorded.message,
        ...(recorded.hint === undefined ? {} : { hint: recorded.hint }),
      });
    case 'error':
      return new Error(recorded.message);
  }
}
