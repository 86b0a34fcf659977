import type { ModelRequest, ResponseFormat } from '../../spec/adapter.js';

/** A Messages API request body (the subset Nanocode sends). */
export interface MessagesBody {
  model: string;
  max_tokens: number;
  system?: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  temperature?: number;
  stop_sequences?: string[];
  stream?: true;
}

/**
 * Builds a Messages API body. System messages go to the top-level `system` (joined by blank lines);
 * the API has no JSON mode, so a JSON format is asked for by a suffix on the system prompt, and the
 * step's constraints check what comes back. `max_tokens` is required by the API, hence the default.
 * `seed` has no Anthropic equivalent and is not sent.
 */
export function toMessagesBody(options: {
  model: string;
  request: ModelRequest;
  maxTokensDefault: number;
  stream: boolean;
}): MessagesBody {
  const { request } = options;
  const system = [
    ...request.messages.filter((m) => m.role === 'system').map((m) => m.content),
    ...jsonInstruction(request.response_format),
  ].join('\n\n');
  return {
    model: options.model,
    max_tokens: request.max_tokens ?? options.maxTokensDefault,
    ...(system === '' ? {} : { system }),
    messages: request.messages.flatMap((m) =>
      m.role === 'system' ? [] : [{ role: m.role, content: m.content }],
    ),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop === undefined || request.stop.length === 0 ? {} : { stop_sequences: request.stop }),
    ...(options.stream ? { stream: true as const } : {}),
  };
}

/** The system suffix for JSON formats. Exported so docs and tests quote the exact words. */
export function jsonInstruction(format: ResponseFormat): string[] {
  if (format.type === 'json') return ['Reply with one JSON value only: no prose, no code fences.'];
  if (format.type === 'json_schema') {
    return [
      `Reply with one JSON value only, no prose and no code fences, conforming to this JSON Schema (${format.name}): ${JSON.stringify(format.schema)}`,
    ];
  }
  return [];
}
