import type { FinishReason } from '../../spec/adapter.js';

/** Maps a Chat Completions `finish_reason` to the contract's. Legacy `function_call` counts as tool use. */
export function openAIFinishReason(value: unknown): FinishReason {
  switch (value) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}
