import { AdapterError } from '../../spec/adapter.js';

/** One server-sent event. `event` is absent for the default `message` type. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body per the WHATWG HTML spec: LF, CR or CRLF line ends, multi-line
 * `data`, `:` comments, a leading BOM, and an event dispatched only at a blank line (events with no
 * data are dropped). A body that ends inside an event (data or a partial line without the closing
 * blank line) rejects with a retryable `unavailable` "stream cut" error instead of being dropped
 * silently. Whether the stream ended *too early* (no `[DONE]`, no `message_stop`) is the adapter's call.
 */
export async function* parseSse(options: {
  body: ReadableStream<Uint8Array>;
  provider: string;
}): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let first = true;
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  let pending = false;
  const reader = options.body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      finished = done;
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      for (;;) {
        const end = lineEnd({ buffer, final: done });
        if (end === undefined) break;
        const line = buffer.slice(0, end.index);
        buffer = buffer.slice(end.index + end.length);
        if (line === '') {
          if (data.length > 0) {
            yield {
              data: data.join('\n'),
              ...(event === undefined ? {} : { event }),
              ...(id === undefined ? {} : { id }),
            };
          }
          data = [];
          event = undefined;
          pending = false;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        pending = true;
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
        else if (field === 'id' && !value.includes('\0')) id = value;
      }
      if (done) break;
    }
  } finally {
    // A consumer that stops early (or a failure) must not leave the connection open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (pending || buffer.length > 0) {
    throw new AdapterError({
      code: 'unavailable',
      message: `${options.provider}: stream cut in the middle of an event`,
      retryable: true,
    });
  }
}

/**
 * Finds the first line end in `buffer`. A CR at the very end is held back until more input shows
 * whether an LF follows, unless the stream is finished.
 */
function lineEnd(options: { buffer: string; final: boolean }): { index: number; length: number } | undefined {
  const { buffer } = options;
  for (let i = 0; i < buffer.length; i++) {
    const char = buffer[i];
    if (char === '\n') return { index: i, length: 1 };
    if (char === '\r') {
      if (i + 1 < buffer.length) return { index: i, length: buffer[i + 1] === '\n' ? 2 : 1 };
      return options.final ? { index: i, length: 1 } : undefined;
    }
  }
  return undefined;
}
