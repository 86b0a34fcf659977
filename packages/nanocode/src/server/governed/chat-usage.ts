import type { RunEvent } from '../../spec/events.js';

/** OpenAI's `usage` object. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/**
 * What the whole run consumed, in OpenAI's terms: the input and output tokens of every completed attempt
 * (retries, fallbacks and every step included), so the total is the run's consumed tokens, what the
 * request cost, not only the tokens of the released answer.
 */
export function chatUsage(options: { events: readonly RunEvent[] }): ChatUsage {
  let prompt = 0;
  let completion = 0;
  for (const event of options.events) {
    if (event.type !== 'attempt.completed') continue;
    const { usage } = (event as RunEvent<'attempt.completed'>).data;
    prompt += usage.input_tokens;
    completion += usage.output_tokens;
  }
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
