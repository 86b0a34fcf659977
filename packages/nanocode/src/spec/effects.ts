import type { Adapter, GenerateOptions, ModelRequest, ModelResponse } from './adapter.js';
import type { EventData } from './events.js';
import type { Verdict } from './verdict.js';

/**
 * Every side effect the runner depends on. A run is a pure function of its inputs and the results of
 * these calls, so a durable executor can replay it and a test can record and re-run it.
 * Each call carries a `key` that is unique within the run (e.g. `answer/2/adapter`), so recorded
 * results can be matched even when concurrent steps interleave differently.
 */
export interface Effects {
  spec: 'nanocode.effects/v1';
  /** Milliseconds since the epoch. */
  now(key: string): number;
  /** A random identifier (used for run ids and salts). */
  randomId(key: string): string;
  /** Calls an adapter. Rejections are AdapterErrors. */
  callAdapter(
    key: string,
    adapter: Adapter,
    request: ModelRequest,
    options: GenerateOptions,
  ): Promise<ModelResponse>;
  /**
   * Streams an adapter call, passing each text delta to `onDelta` as it arrives, and resolves with the
   * complete response. Replays pass the recorded text as one delta.
   */
  streamAdapter(
    key: string,
    adapter: Adapter,
    request: ModelRequest,
    options: GenerateOptions & { onDelta: (text: string) => void },
  ): Promise<ModelResponse>;
  /** Runs an asynchronous check (a judge, a custom async constraint). */
  check(
    key: string,
    run: (signal: AbortSignal) => Promise<Verdict>,
    options: { signal: AbortSignal },
  ): Promise<Verdict>;
  /** Runs a registered function step. */
  callFunction(
    key: string,
    run: (signal: AbortSignal) => Promise<unknown>,
    options: { signal: AbortSignal },
  ): Promise<unknown>;
  /** Waits, e.g. for Retry-After. Rejects when the signal aborts. */
  sleep(key: string, ms: number, options: { signal: AbortSignal }): Promise<void>;
  /**
   * Engine redeliveries since the last call (durable executors only): the runner records each as a
   * `run.resumed` event before its next event. Effects that never resume a run leave it out.
   */
  takeResumptions?(): EventData['run.resumed'][];
}
