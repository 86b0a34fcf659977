import type { ServerResponse } from 'node:http';

/** Extra response headers, lower-case names. */
export type ReplyHeaders = Record<string, string>;

/** Sends a JSON body with an exact Content-Length. Does nothing when the connection is already gone. */
export function sendJson(options: {
  res: ServerResponse;
  status: number;
  body: unknown;
  headers?: ReplyHeaders;
}): void {
  sendText({
    res: options.res,
    status: options.status,
    text: JSON.stringify(options.body),
    headers: { 'content-type': 'application/json', ...options.headers },
  });
}

/** Sends a text body with an exact Content-Length. */
export function sendText(options: {
  res: ServerResponse;
  status: number;
  text: string;
  headers: ReplyHeaders;
}): void {
  const { res } = options;
  if (res.destroyed || res.headersSent) return;
  res.writeHead(options.status, {
    ...options.headers,
    'content-length': String(Buffer.byteLength(options.text)),
  });
  res.end(options.text);
}

/**
 * Sends the first half of a JSON body under the full body's Content-Length, then destroys the
 * connection: the client sees a response cut mid-way, as when a proxy or the network drops it.
 */
export async function sendCutJson(options: {
  res: ServerResponse;
  body: unknown;
  headers?: ReplyHeaders;
}): Promise<void> {
  const { res } = options;
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(options.body);
  res.writeHead(200, {
    'content-type': 'application/json',
    ...options.headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  await writeFlushed({ res, text: text.slice(0, Math.floor(text.length / 2)) });
  cutConnection({ res });
}

/** Starts a Server-Sent Events response (chunked, no Content-Length). */
export function startSse(options: { res: ServerResponse; headers?: ReplyHeaders }): void {
  if (options.res.destroyed || options.res.headersSent) return;
  options.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...options.headers,
  });
}

/** Writes one SSE frame (`event:` line when named, then `data:`) and waits until it is flushed. */
export async function writeSse(options: {
  res: ServerResponse;
  event?: string;
  data: string;
}): Promise<void> {
  const eventLine = options.event === undefined ? '' : `event: ${options.event}\n`;
  await writeFlushed({ res: options.res, text: `${eventLine}data: ${options.data}\n\n` });
}

/** Ends a response normally (a no-op when the connection is gone). */
export function endReply(options: { res: ServerResponse }): void {
  if (!options.res.destroyed) options.res.end();
}

/** Destroys the connection without ending the response: no final chunk, no `[DONE]`. */
export function cutConnection(options: { res: ServerResponse }): void {
  options.res.socket?.destroy();
  options.res.destroy();
}

async function writeFlushed(options: { res: ServerResponse; text: string }): Promise<void> {
  const { res } = options;
  if (res.destroyed) return;
  await new Promise<void>((resolve) => {
    res.write(options.text, () => resolve());
  });
}
