import { AdapterError, type FinishReason, type Usage } from '../../spec/adapter.js';
import { badResponse, type SseEvent } from '../shared/index.js';
import { openAIFinishReason } from './openai-finish-reason.js';
import type { OpenAICompletion } from './read-openai-completion.js';
import { readOpenAIUsage } from './read-openai-completion.js';

/**
 * Reads Chat Completions stream chunks: yields each text delta and returns the assembled completion.
 * The stream is complete at `data: [DONE]`, or when the body ends cleanly after a chunk with a
 * `finish_reason` (some compatible servers omit `[DONE]`). Anything else is a retryable `unavailable`
 * "stream cut". A chunk that does not parse is `bad_response`; an `error` chunk is `unavailable`.
 */
export async function* readOpenAIStream(options: {
  events: AsyncIterable<SseEvent>;
  provider: string;
}): AsyncGenerator<string, OpenAICompletion> {
  const { provider } = options;
  let text = '';
  let refusal = '';
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  let model: string | undefined;
  let done = false;
  for await (const event of options.events) {
    if (event.data.trim() === '[DONE]') {
      done = true;
      break;
    }
    let chunk: Record<string, unknown>;
    try {
      chunk = JSON.parse(event.data) as Record<string, unknown>;
    } catch {
      throw badResponse({ provider, reason: 'a stream chunk is not valid JSON' });
    }
    if (typeof chunk !== 'object' || chunk === null)
      throw badResponse({ provider, reason: 'a stream chunk is not an object' });
    if (chunk.error !== undefined) {
      const message = (chunk.error as { message?: unknown }).message;
      throw new AdapterError({
        code: 'unavailable',
        message: `${provider}: the stream reported an error${typeof message === 'string' ? `: ${message.slice(0, 500)}` : ''}`,
        retryable: true,
      });
    }
    if (typeof chunk.model === 'string') model = chunk.model;
    usage = readOpenAIUsage(chunk.usage) ?? usage;
    const choice = Array.isArray(chunk.choices)
      ? (chunk.choices[0] as Record<string, unknown> | undefined)
      : undefined;
    const delta = choice?.delta as Record<string, unknown> | undefined;
    if (typeof delta?.content === 'string' && delta.content !== '') {
      text += delta.content;
      yield delta.content;
    }
    if (typeof delta?.refusal === 'string') refusal += delta.refusal;
    if (choice?.finish_reason !== undefined && choice.finish_reason !== null) {
      finish = openAIFinishReason(choice.finish_reason);
    }
  }
  if (!done && finish === undefined) {
    throw new AdapterError({
      code: 'unavailable',
      message: `${provider}: stream cut before [DONE]`,
      retryable: true,
    });
  }
  return {
    text,
    finish_reason: finish ?? 'other',
    ...(refusal === '' ? {} : { refusal }),
    ...(usage === undefined ? {} : { usage }),
    ...(model === undefined ? {} : { model }),
  };
}
