import type { RunEvent } from '../model/events.js';
import { ApiError, apiRequest, asApiError } from './client.js';
import { createSseParser } from './sse-parser.js';

/** How a {@link followRunEvents} call ended. */
export type FollowEnd = 'completed' | 'gave_up';

/** The server sends a heartbeat every 15 s while a run is quiet; three missed ones mean a dead stream. */
const IDLE_MS = 45_000;

/**
 * Follows `GET /api/runs/{id}/events` (server-sent events) with fetch, since `EventSource` cannot send
 * the bearer key. Each event goes to `onEvents` once, in order, in one batch per chunk read. When the
 * stream ends before `run.completed` (the server's streams are time-limited), is cut, stays silent for
 * `idleMs`, or cannot be opened for a reason that may pass (no connection, 502, 503, 504), it reconnects
 * with `Last-Event-ID`, at most `maxReconnects` times. Resolves `completed` once a stream has closed after
 * `run.completed`, which the server does only after the run is stored and certified; `gave_up` when the
 * reconnects ran out on streams that closed early. Throws the {@link ApiError} of a refusal (404, say) at
 * once, and that of the last failure when the reconnects ran out on failures. Aborting `signal` rejects,
 * and no event is delivered after it.
 */
export async function followRunEvents(options: {
  runId: string;
  onEvents: (events: RunEvent[]) => void;
  signal: AbortSignal;
  /** Skip events up to this seq (those already shown). */
  after?: number;
  /** The events already shown include `run.completed`: the stream's close is then the end. */
  alreadyCompleted?: boolean;
  maxReconnects?: number;
  /** Wait before reconnect `n` (from 1); one second times n unless given. */
  backoffMs?: (n: number) => number;
  /** How long a stream may stay silent (not even a heartbeat) before it counts as cut. */
  idleMs?: number;
}): Promise<FollowEnd> {
  const { runId, signal } = options;
  const maxReconnects = options.maxReconnects ?? 5;
  const backoff = options.backoffMs ?? ((n: number) => 1000 * n);
  let last = options.after ?? -1;
  let completed = options.alreadyCompleted === true;
  let failure: ApiError | undefined;
  const deliver = (events: RunEvent[]): void => {
    if (signal.aborted) return;
    const fresh: RunEvent[] = [];
    for (const event of events) {
      if (event.seq <= last) continue;
      last = event.seq;
      if (event.type === 'run.completed') completed = true;
      fresh.push(event);
    }
    if (fresh.length > 0) options.onEvents(fresh);
  };
  for (let connection = 0; connection <= maxReconnects; connection += 1) {
    if (connection > 0) await sleep({ ms: backoff(connection), signal });
    try {
      await readStream({ runId, after: last, signal, idleMs: options.idleMs ?? IDLE_MS, deliver });
      failure = undefined;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      failure = asApiError(error);
      if (!mayPass(failure)) throw failure;
    }
    if (completed) return 'completed';
  }
  if (failure !== undefined) throw failure;
  return 'gave_up';
}

/** A failure another try may not meet: no connection, a cut or silent stream, a proxy or server restarting. */
function mayPass(error: ApiError): boolean {
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

/** One connection: reads the stream to its end, handing on each chunk's events. */
async function readStream(options: {
  runId: string;
  after: number;
  signal: AbortSignal;
  idleMs: number;
  deliver: (events: RunEvent[]) => void;
}): Promise<void> {
  const { signal } = options;
  // Its own controller, so a silent stream can be dropped without aborting the whole follow.
  const connection = new AbortController();
  const onAbort = (): void => connection.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let idle = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      connection.abort();
      reader?.cancel().catch(() => undefined);
    }, options.idleMs);
  };
  try {
    watch();
    const response = await apiRequest(`/api/runs/${encodeURIComponent(options.runId)}/events`, {
      headers: {
        accept: 'text/event-stream',
        ...(options.after >= 0 ? { 'last-event-id': String(options.after) } : {}),
      },
      signal: connection.signal,
    });
    // A reply without a body is a stream that closed at once.
    reader = response.body?.getReader();
    if (reader === undefined) return;
    const decoder = new TextDecoder();
    const parser = createSseParser();
    const events = (chunk: string): RunEvent[] => {
      try {
        return parser.push(chunk).flatMap((message) => parseEvent(message.data) ?? []);
      } catch (error) {
        // Not a failure another try would pass: the server would send the same again.
        throw new ApiError({
          status: response.status,
          code: 'BAD_REPLY',
          message: String((error as Error).message),
        });
      }
    };
    try {
      for (;;) {
        watch();
        const { done, value } = await reader.read();
        if (done) break;
        options.deliver(events(decoder.decode(value, { stream: true })));
      }
      if (idle) throw new Error('silent');
      options.deliver(events(decoder.decode()));
    } finally {
      reader.releaseLock();
    }
  } catch (error) {
    if (signal.aborted || error instanceof ApiError) throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      message: idle
        ? `the event stream was silent for ${Math.round(options.idleMs / 1000)} s`
        : `the event stream was cut (${error instanceof Error ? error.message : String(error)})`,
    });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    // However it ended, the connection is closed, not left for the browser to collect.
    connection.abort();
  }
}

function parseEvent(data: string): RunEvent | undefined {
  try {
    const value = JSON.parse(data) as Partial<RunEvent>;
    return typeof value.seq === 'number' && typeof value.type === 'string' ? (value as RunEvent) : undefined;
  } catch {
    return undefined;
  }
}

function sleep(options: { ms: number; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason);
    const timer = setTimeout(() => {
      options.signal.removeEventListener('abort', onAbort);
      resolve();
    }, options.ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(options.signal.reason);
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
  });
}
