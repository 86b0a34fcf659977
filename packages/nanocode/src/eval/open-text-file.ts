import { createWriteStream, type WriteStream } from 'node:fs';

/** A file written as a stream of text, honouring backpressure so a slow disk never buffers the eval in memory. */
export interface TextFile {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Resolves on `event`, rejects on `error`, and leaves no listener behind either way. */
function settle(options: { stream: WriteStream; event: 'open' | 'drain' }): Promise<void> {
  const { stream, event } = options;
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off(event, done);
      stream.off('error', failed);
      resolve();
    };
    const failed = (error: Error): void => {
      stream.off(event, done);
      stream.off('error', failed);
      reject(error);
    };
    stream.on(event, done);
    stream.on('error', failed);
  });
}

/** Opens (truncates) `path` for streamed writing; a path that cannot be opened rejects here. */
export async function openTextFile(options: { path: string }): Promise<TextFile> {
  const stream = createWriteStream(options.path, { encoding: 'utf8' });
  await settle({ stream, event: 'open' });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await settle({ stream, event: 'drain' });
    },
    async close() {
      if (stream.closed || stream.destroyed) return;
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      if (failure) throw failure;
    },
  };
}
