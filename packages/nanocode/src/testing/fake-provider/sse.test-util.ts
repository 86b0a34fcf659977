/** One Server-Sent Event as a client sees it. */
export interface SseFrame {
  event: string | undefined;
  data: string;
}

/** Parses an SSE body into frames (`event:` and `data:` lines, frames split by a blank line). */
export function parseSse(options: { text: string }): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of options.text.split('\n\n')) {
    if (block.trim() === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice('event: '.length);
      if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
    }
    frames.push({ event, data: data.join('\n') });
  }
  return frames;
}

/**
 * Reads a response body until it ends or the connection breaks, and says which: a cut stream
 * yields its partial text with `complete: false`.
 */
export async function readUntilCut(options: {
  response: Response;
}): Promise<{ text: string; complete: boolean }> {
  const reader = options.response.body?.getReader();
  if (reader === undefined) return { text: '', complete: true };
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, complete: true };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, complete: false };
  }
}

/** POSTs a JSON body to the fake with the given headers. */
export function postJson(options: {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
}): Promise<Response> {
  return fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(options.body),
  });
}
