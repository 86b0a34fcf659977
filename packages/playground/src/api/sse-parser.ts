/**
 * An incremental parser for `text/event-stream` (the WHATWG server-sent events format), for reading an
 * SSE response with fetch: feed it decoded text chunks as they arrive, cut anywhere, and it returns the
 * messages each chunk completes.
 */

/** One dispatched SSE message. */
export interface SseMessage {
  /** The `event:` field; `message` when absent. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
  /** The last `id:` seen (it persists across messages), or undefined. */
  id: string | undefined;
  /** A `retry:` reconnection time in ms, when this message set one. */
  retry?: number;
}

/** The parser's state between chunks. */
export interface SseParser {
  /** Parses a chunk of text; returns the messages it completed. */
  push(chunk: string): SseMessage[];
  /** Ends the stream: a message not followed by a blank line is discarded, as the standard says. */
  end(): SseMessage[];
}

/** The largest message (or unfinished line) a parser holds before it refuses the stream: 16 Mi characters. */
export const MAX_SSE_MESSAGE_CHARS = 16 * 1024 * 1024;

/**
 * Creates an {@link SseParser}. A message or line longer than `maxMessageChars` throws rather than
 * growing without bound (a stream that never ends its line).
 */
export function createSseParser(options: { maxMessageChars?: number } = {}): SseParser {
  const max = options.maxMessageChars ?? MAX_SSE_MESSAGE_CHARS;
  let buffer = '';
  let data: string[] = [];
  let dataChars = 0;
  let event = '';
  let lastId: string | undefined;
  let retry: number | undefined;
  let first = true;
  // A CR at the end of a chunk may be the first half of a CRLF; its line ends there either way.
  let pendingCr = false;

  const dispatch = (out: SseMessage[]) => {
    if (data.length > 0) {
      out.push({
        event: event === '' ? 'message' : event,
        data: data.join('\n'),
        id: lastId,
        ...(retry === undefined ? {} : { retry }),
      });
    }
    data = [];
    dataChars = 0;
    event = '';
    retry = undefined;
  };

  const line = (text: string, out: SseMessage[]) => {
    if (text === '') return dispatch(out);
    if (text.startsWith(':')) return; // a comment: keep-alives and heartbeats
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        dataChars += value.length + 1;
        if (dataChars > max) throw new Error(`an event stream message is over ${max} characters`);
        data.push(value);
        return;
      case 'event':
        event = value;
        return;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        return;
      default:
        return; // unknown fields are ignored
    }
  };

  return {
    push(chunk) {
      const out: SseMessage[] = [];
      let text = chunk;
      if (first && text !== '') {
        first = false;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i += 1) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i), out);
        if (c === '\r') {
          if (i + 1 === buffer.length) pendingCr = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > max) throw new Error(`an event stream line is over ${max} characters`);
      return out;
    },
    end() {
      buffer = '';
      data = [];
      dataChars = 0;
      event = '';
      return [];
    },
  };
}
