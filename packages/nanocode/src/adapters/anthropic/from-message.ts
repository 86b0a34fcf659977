import type { FinishReason, Usage } from '../../spec/adapter.js';
import { badResponse } from '../shared/index.js';

const STOP_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content_filter',
  tool_use: 'tool_calls',
};

/** Maps an Anthropic `stop_reason` to a finish reason; unknown or absent reasons are `other`. */
export function finishOf(stopReason: unknown): FinishReason {
  return typeof stopReason === 'string' ? (STOP_REASONS[stopReason] ?? 'other') : 'other';
}

/**
 * Reads Anthropic usage. Input counts include cache reads and writes, since they are input the run
 * consumed. Undefined when the provider sent no usable counts.
 */
export function usageOf(options: { usage: unknown; prior?: Partial<Usage> }): Partial<Usage> {
  const usage = isRecord(options.usage) ? options.usage : {};
  const num = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : undefined);
  const parts = [num('input_tokens'), num('cache_creation_input_tokens'), num('cache_read_input_tokens')];
  const input = parts.every((n) => n === undefined)
    ? undefined
    : parts.reduce<number>((a, n) => a + (n ?? 0), 0);
  const output = num('output_tokens');
  return {
    ...options.prior,
    ...(input === undefined ? {} : { input_tokens: input }),
    ...(output === undefined ? {} : { output_tokens: output }),
  };
}

/** The parts of a non-streamed Messages response that Nanocode uses. */
export function fromMessage(options: { body: Record<string, unknown>; provider: string }): {
  text: string;
  finish_reason: FinishReason;
  usage: Partial<Usage>;
  model: string | undefined;
} {
  const { body } = options;
  if (!Array.isArray(body.content)) {
    throw badResponse({ provider: options.provider, reason: 'the response has no `content` array' });
  }
  const text = body.content
    .map((block: unknown) =>
      isRecord(block) && block.type === 'text' && typeof block.text === 'string' ? block.text : '',
    )
    .join('');
  return {
    text,
    finish_reason: finishOf(body.stop_reason),
    usage: usageOf({ usage: body.usage }),
    model: typeof body.model === 'string' ? body.model : undefined,
  };
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
