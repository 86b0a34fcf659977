import type { FinishReason, Usage } from '../../spec/adapter.js';
import { badResponse } from '../shared/index.js';
import { openAIFinishReason } from './openai-finish-reason.js';

/** What the adapter needs from one (non-streamed) chat completion. */
export interface OpenAICompletion {
  text: string;
  finish_reason: FinishReason;
  /** Present when the model refused (structured outputs put a refusal here instead of content). */
  refusal?: string;
  usage?: Usage;
  model?: string;
}

/** Reads `choices[0].message`, `finish_reason`, `usage` and `model`; a body without them is `bad_response`. */
export function readOpenAICompletion(options: {
  body: Record<string, unknown>;
  provider: string;
}): OpenAICompletion {
  const { body, provider } = options;
  const choice = Array.isArray(body.choices)
    ? (body.choices[0] as Record<string, unknown> | undefined)
    : undefined;
  const message = choice?.message as Record<string, unknown> | undefined;
  if (choice === undefined || message === undefined || typeof message !== 'object') {
    throw badResponse({ provider, reason: 'the response has no choices[0].message' });
  }
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw badResponse({ provider, reason: 'choices[0].message.content is not a string' });
  }
  const usage = readOpenAIUsage(body.usage);
  return {
    text: content ?? '',
    finish_reason: openAIFinishReason(choice.finish_reason),
    ...(typeof message.refusal === 'string' && message.refusal !== '' ? { refusal: message.refusal } : {}),
    ...(usage === undefined ? {} : { usage }),
    ...(typeof body.model === 'string' ? { model: body.model } : {}),
  };
}

/** Reads `{ prompt_tokens, completion_tokens }`; undefined when absent or not numbers. */
export function readOpenAIUsage(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { prompt_tokens, completion_tokens } = value as Record<string, unknown>;
  if (typeof prompt_tokens !== 'number' || typeof completion_tokens !== 'number') return undefined;
  return { input_tokens: prompt_tokens, output_tokens: completion_tokens };
}
