import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ModelRequest } from '../../spec/adapter.js';

/**
 * Maps a Nanocode request to AI SDK call options. Only settings the request declares are passed, so
 * the provider's own defaults stay the provider's; the abort signal always is.
 */
export function toCallOptions(options: {
  request: ModelRequest;
  signal: AbortSignal;
}): LanguageModelV3CallOptions {
  const { request, signal } = options;
  const prompt: LanguageModelV3Prompt = request.messages.map((m) =>
    m.role === 'system'
      ? { role: 'system', content: m.content }
      : { role: m.role, content: [{ type: 'text', text: m.content }] },
  );
  const format = request.response_format;
  return {
    prompt,
    abortSignal: signal,
    ...(format.type === 'json' ? { responseFormat: { type: 'json' } } : {}),
    ...(format.type === 'json_schema'
      ? { responseFormat: { type: 'json', name: format.name, schema: format.schema } }
      : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.max_tokens === undefined ? {} : { maxOutputTokens: request.max_tokens }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.stop === undefined ? {} : { stopSequences: request.stop }),
  };
}
