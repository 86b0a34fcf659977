import type { ModelRequest } from '../../spec/adapter.js';

/**
 * The Chat Completions body for one request. `max_tokens` (not `max_completion_tokens`) is sent
 * because every OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio, OpenRouter, Together)
 * accepts it; `maxTokensField` switches it for OpenAI reasoning models that require the newer name.
 * A `text` response format is left out: some compatible servers reject the field.
 */
export function openAIRequestBody(options: {
  model: string;
  request: ModelRequest;
  stream: boolean;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}): Record<string, unknown> {
  const { request } = options;
  const format = request.response_format;
  return {
    model: options.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(format.type === 'json' ? { response_format: { type: 'json_object' } } : {}),
    ...(format.type === 'json_schema'
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: { name: format.name, schema: format.schema, strict: true },
          },
        }
      : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.max_tokens === undefined ? {} : { [options.maxTokensField]: request.max_tokens }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.stop === undefined || request.stop.length === 0 ? {} : { stop: request.stop }),
    ...(options.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}
