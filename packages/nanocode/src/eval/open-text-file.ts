import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** A file written as a stream of text, honouring backpressure so a slow disk never buffers the eval in memory. */
export interface TextFile {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens (truncates) `path` for streamed writing. */
export async function openTextFile(options: { path: string }): Promise<TextFile> {
  const stream = createWriteStream(options.path, { encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  await Promise.race([once(stream, 'open'), once(stream, 'error')]);
  if (failure) throw failure;
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw failure;
    },
    async close() {
      if (stream.closed) return;
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      if (failure) throw failure;
    },
  };
}
