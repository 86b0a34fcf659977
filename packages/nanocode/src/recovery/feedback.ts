import type { ChatMessage } from '../spec/adapter.js';

/** One violation to report back to the model. */
export interface Violation {
  constraint: string;
  message: string;
}

/**
 * The messages of a retry: the original prompt, the last failed output only, and the violations.
 * Context grows O(1) per retry, not O(N²): earlier failed outputs are never resent.
 */
export function retryMessages(options: {
  original: readonly ChatMessage[];
  lastOutput: string;
  violations: readonly Violation[];
}): ChatMessage[] {
  const list = options.violations.map((v) => `- ${v.constraint}: ${v.message}`).join('\n');
  return [
    ...options.original,
    { role: 'assistant', content: options.lastOutput },
    {
      role: 'user',
      content: `Your previous answer failed these checks:\n${list}\nReply again with a corrected answer only.`,
    },
  ];
}
