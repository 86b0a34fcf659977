/** A text stream a route writes SSE frames into, which stays safe to write after the client left. */
export interface FrameStream {
  readonly body: ReadableStream<Uint8Array>;
  write(text: string): void;
  close(): void;
}

/**
 * A stream of frames. Writes after `close`, or after the client cancelled (disconnected), are dropped;
 * `onCancel` lets the route stop the work that feeds the stream.
 */
export function createFrameStream(options: { onCancel: () => void }): FrameStream {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      open = false;
      options.onCancel();
    },
  });
  return {
    body,
    write(text) {
      if (open) controller?.enqueue(encoder.encode(text));
    },
    close() {
      if (!open) return;
      open = false;
      controller?.close();
    },
  };
}
