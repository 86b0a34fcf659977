import type { ChatMessage, Usage } from '../../spec/adapter.js';

/**
 * Estimates token usage when a provider reports none: ceil(characters / 4) for the prompt and the
 * reply. The result is marked `usage_estimated` so the certificate says it is an estimate.
 */
export function estimateUsage(options: { messages: readonly ChatMessage[]; text: string }): {
  usage: Usage;
  usage_estimated: true;
} {
  const promptChars = options.messages.reduce((n, m) => n + m.content.length, 0);
  return {
    usage: { input_tokens: Math.ceil(promptChars / 4), output_tokens: Math.ceil(options.text.length / 4) },
    usage_estimated: true,
  };
}
