import type { RunEvent } from '../model/events.js';
import { apiRequest } from './client.js';
import { createSseParser } from './sse-parser.js';

/** How a {@link followRunEvents} call ended. */
export type FollowEnd = 'completed' | 'gave_up';

/**
 * Follows `GET /api/runs/{id}/events` (server-sent events) with fetch, since `EventSource` cannot send
 * the bearer key. Each event goes to `onEvent` once, in order. When the server closes the stream before
 * `run.completed` (its streams are time-limited), it reconnects with `Last-Event-ID`, at most
 * `maxReconnects` times. Resolves `completed` once a stream has closed after `run.completed`, which the
 * server does only after the run is stored and certified. Aborting `signal` rejects.
 */
export async function followRunEvents(options: {
  runId: string;
  onEvent: (event: RunEvent) => void;
  signal: AbortSignal;
  /** Skip events up to this seq (those already shown). */
  after?: number;
  /** The events already shown include `run.completed`: the stream's close is then the end. */
  alreadyCompleted?: boolean;
  maxReconnects?: number;
  /** Wait before reconnect `n` (from 1); one second times n unless given. */
  backoffMs?: (n: number) => number;
}): Promise<FollowEnd> {
  const { runId, onEvent, signal } = options;
  const maxReconnects = options.maxReconnects ?? 5;
  const backoff = options.backoffMs ?? ((n: number) => 1000 * n);
  let last = options.after ?? -1;
  let completed = options.alreadyCompleted === true;
  for (let connection = 0; connection <= maxReconnects; connection += 1) {
    if (connection > 0) await sleep({ ms: backoff(connection), signal });
    const response = await apiRequest(`/api/runs/${encodeURIComponent(runId)}/events`, {
      headers: { accept: 'text/event-stream', ...(last >= 0 ? { 'last-event-id': String(last) } : {}) },
      signal,
    });
    // A reply without a body is a stream that closed at once.
    const reader = response.body?.getReader();
    if (reader !== undefined) {
      const decoder = new TextDecoder();
      const parser = createSseParser();
      const deliver = (chunk: string) => {
        for (const message of parser.push(chunk)) {
          const event = parseEvent(message.data);
          if (event === undefined || event.seq <= last) continue;
          last = event.seq;
          if (event.type === 'run.completed') completed = true;
          onEvent(event);
        }
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          deliver(decoder.decode(value, { stream: true }));
        }
        deliver(decoder.decode());
      } finally {
        reader.releaseLock();
      }
    }
    if (completed) return 'completed';
  }
  return 'gave_up';
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
