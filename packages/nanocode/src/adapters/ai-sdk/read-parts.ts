import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import { AdapterError } from '../../spec/adapter.js';

/** What {@link readParts} yields: text pieces, then one finish. */
export type ReadPart =
  | { type: 'text'; text: string }
  | { type: 'finish'; usage: LanguageModelV3Usage; finish: string; answeredBy: string | undefined };

/**
 * Reads an AI SDK stream down to text deltas and one finish. The read races the abort signal, since
 * a model's stream need not watch it; an `error` part rejects, and a stream that ends without a
 * `finish` part is a cut stream (`unavailable`, retryable).
 */
export async function* readParts(options: {
  stream: ReadableStream<LanguageModelV3StreamPart>;
  signal: AbortSignal;
}): AsyncGenerator<ReadPart> {
  const { signal } = options;
  const reader = options.stream.getReader();
  let answeredBy: string | undefined;
  let fail = () => {};
  const aborted = new Promise<never>((_, reject) => {
    fail = () =>
      reject(new AdapterError({ code: 'aborted', message: 'the call was aborted', retryable: false }));
  });
  aborted.catch(() => undefined);
  if (signal.aborted) fail();
  else signal.addEventListener('abort', fail, { once: true });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      if (value.type === 'text-delta') yield { type: 'text', text: value.delta };
      else if (value.type === 'response-metadata') answeredBy = value.modelId ?? answeredBy;
      else if (value.type === 'error') throw value.error;
      else if (value.type === 'finish') {
        yield { type: 'finish', usage: value.usage, finish: value.finishReason.unified, answeredBy };
        return;
      }
    }
    throw new AdapterError({
      code: 'unavailable',
      message: 'the stream ended before its finish part',
      retryable: true,
    });
  } finally {
    signal.removeEventListener('abort', fail);
    reader.cancel().catch(() => undefined);
  }
}
