import type { ChatUsage } from './chat-usage.js';
import type { NanocodeInfo } from './nanocode-info.js';

/** One streamed chunk (OpenAI `CreateChatCompletionStreamResponse`), with `nanocode` on the closing ones. */
export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    delta: { role?: 'assistant'; content?: string };
    logprobs: null;
    finish_reason: 'stop' | null;
  }>;
  /** `null` on every chunk but the last when the client asked for usage (as OpenAI does). */
  usage?: ChatUsage | null;
  nanocode?: NanocodeInfo;
}

/** What every chunk of one completion shares. */
export interface ChunkBase {
  id: string;
  created: number;
  model: string;
  /** Whether the client asked for a usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
}

/** A chunk carrying a delta (the opening role, text), or the closing `finish_reason: stop`. */
export function deltaChunk(options: {
  base: ChunkBase;
  delta: ChatChunk['choices'][number]['delta'];
  finish?: { nanocode: NanocodeInfo };
}): ChatChunk {
  const { base, delta, finish } = options;
  return {
    id: base.id,
    object: 'chat.completion.chunk',
    created: base.created,
    model: base.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish === undefined ? null : 'stop' }],
    ...(base.includeUsage ? { usage: null } : {}),
    ...(finish === undefined ? {} : { nanocode: finish.nanocode }),
  };
}

/** The usage chunk sent last when asked for: no choices, the run's usage. */
export function usageChunk(options: {
  base: ChunkBase;
  usage: ChatUsage;
  nanocode: NanocodeInfo;
}): ChatChunk {
  const { base } = options;
  return {
    id: base.id,
    object: 'chat.completion.chunk',
    created: base.created,
    model: base.model,
    choices: [],
    usage: options.usage,
    nanocode: options.nanocode,
  };
}

/** One SSE frame with a JSON (or `[DONE]`) data line. */
export function sseFrame(options: { data: unknown }): string {
  const data = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
  return `data: ${data}\n\n`;
}

/** The frame that ends a successful stream. */
export const DONE_FRAME = 'data: [DONE]\n\n';
