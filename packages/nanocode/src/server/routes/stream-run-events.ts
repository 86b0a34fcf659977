import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RunEvent } from '../../spec/events.js';
import type { LiveRun } from '../run-registry.js';

/** Bounds of one event stream, so no client holds a connection forever. */
export interface SseLimits {
  /** A `: heartbeat` comment is sent this often while waiting, so proxies keep the connection. */
  heartbeatMs: number;
  /** The stream closes after this long, whatever the run is doing (the client may reconnect). */
  maxDurationMs: number;
}

/** The defaults of `nanocode serve`: a heartbeat every 15 s, at most 30 minutes per stream. */
export const DEFAULT_SSE_LIMITS: SseLimits = { heartbeatMs: 15_000, maxDurationMs: 30 * 60_000 };

/**
 * Streams a run's events as SSE (`event:` its type, `id:` its seq, `data:` the event JSON): the stored
 * events of a finished run, or a live run's events so far and then each new one until it is stored.
 * Events at or below `after` (a reconnecting client's Last-Event-ID) are skipped.
 */
export function streamRunEvents(
  c: Context,
  options: { live?: LiveRun; stored?: RunEvent[]; after: number; limits: SseLimits },
): Response {
  return streamSSE(c, async (stream) => {
    const END = Symbol('end');
    const queue: Array<RunEvent | typeof END> = [];
    let wake: (() => void) | undefined;
    const enqueue = (item: RunEvent | undefined) => {
      queue.push(item ?? END);
      wake?.();
    };
    // Snapshot and subscribe in one synchronous step: no event can fall between them.
    const snapshot = options.live === undefined ? (options.stored ?? []) : [...options.live.events];
    const unsubscribe = options.live?.subscribe(enqueue);
    queue.unshift(...snapshot);
    if (options.live === undefined) queue.push(END);
    const deadline = Date.now() + options.limits.maxDurationMs;
    stream.onAbort(() => wake?.());
    const waitForItem = (ms: number) =>
      new Promise<'item' | 'timeout'>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), ms);
        wake = () => {
          clearTimeout(timer);
          resolve('item');
        };
      }).finally(() => {
        wake = undefined;
      });
    try {
      while (!stream.aborted) {
        const item = queue.shift();
        if (item === END) break;
        if (item !== undefined) {
          if (item.seq > options.after) {
            await stream.writeSSE({ event: item.type, id: String(item.seq), data: JSON.stringify(item) });
          }
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        if ((await waitForItem(Math.min(options.limits.heartbeatMs, remaining))) === 'timeout') {
          await stream.write(': heartbeat\n\n');
        }
      }
    } finally {
      unsubscribe?.();
    }
  });
}
