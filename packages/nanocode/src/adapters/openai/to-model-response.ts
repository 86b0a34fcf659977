import { AdapterError, type ModelRequest, type ModelResponse } from '../../spec/adapter.js';
import { estimateUsage, type PriceTable, priceOf, redactSecrets } from '../shared/index.js';
import type { OpenAICompletion } from './read-openai-completion.js';

/**
 * Builds the contract's response: usage from the provider or estimated (and marked), cost from the
 * price table or absent (unknown). A refusal, or a content-filter finish with no text, is a
 * non-retryable `content_filter` error; filtered text that did come back is returned as is, with
 * `finish_reason: 'content_filter'`, for the constraints to judge.
 */
export function toModelResponse(options: {
  completion: OpenAICompletion;
  request: ModelRequest;
  provider: string;
  model: string;
  prices: PriceTable;
  secrets: readonly string[];
  latencyMs: number;
}): ModelResponse {
  const { completion, provider } = options;
  if (
    completion.refusal !== undefined ||
    (completion.finish_reason === 'content_filter' && completion.text === '')
  ) {
    const why = redactSecrets({ text: (completion.refusal ?? '').slice(0, 500), secrets: options.secrets });
    throw new AdapterError({
      code: 'content_filter',
      message: `${provider}: the provider filtered the reply${why ? `: ${why}` : ''}`,
      retryable: false,
    });
  }
  const measured =
    completion.usage === undefined
      ? estimateUsage({ messages: options.request.messages, text: completion.text })
      : { usage: completion.usage };
  const cost = priceOf({ table: options.prices, model: options.model, usage: measured.usage });
  return {
    text: completion.text,
    finish_reason: completion.finish_reason,
    usage: measured.usage,
    model: completion.model ?? options.model,
    latency_ms: options.latencyMs,
    ...(cost === undefined ? {} : { cost_usd: cost }),
    ...('usage_estimated' in measured ? { usage_estimated: true } : {}),
  };
}
