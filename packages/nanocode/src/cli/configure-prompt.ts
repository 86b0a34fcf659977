import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks the user for values. `nanocode configure` uses one only when stdin is a terminal. */
export interface ConfigurePrompt {
  /** Resolves to the answer without its line break; a secret answer is not echoed. */
  ask(options: { question: string; secret: boolean }): Promise<string>;
  close(): void;
}

/** A writable that forwards to `output` unless muted: readline echoes typed keys through it. */
export interface MutedOutput extends Writable {
  muted: boolean;
}

/** Creates a {@link MutedOutput} over `output`. */
export function createMutedOutput(options: { output: NodeJS.WritableStream }): MutedOutput {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      if (!(stream as MutedOutput).muted) options.output.write(chunk);
      callback();
    },
  }) as MutedOutput;
  stream.muted = false;
  return stream;
}

/**
 * A prompt on a terminal: readline reads lines from `input` and writes the question to `output`; for
 * secrets, the echo of what is typed is swallowed by muting the output once the question is out.
 */
export function createReadlinePrompt(options: {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}): ConfigurePrompt {
  const muted = createMutedOutput({ output: options.output });
  const rl = createInterface({ input: options.input, output: muted, terminal: true });
  return {
    ask: ({ question, secret }) =>
      new Promise((resolve) => {
        rl.question(question, (answer) => {
          if (muted.muted) options.output.write('\n');
          muted.muted = false;
          resolve(answer);
        });
        // readline has written the question by now; from here on it only echoes keys.
        muted.muted = secret;
      }),
    close: () => rl.close(),
  };
}
