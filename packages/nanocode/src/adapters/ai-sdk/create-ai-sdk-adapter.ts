import type { LanguageModelV3, LanguageModelV3Content, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Adapter, FinishReason, ModelRequest, ModelResponse, StreamChunk } from '../../spec/adapter.js';
import { estimateUsage, type PriceTable, priceOf } from '../shared/index.js';
import { readParts } from './read-parts.js';
import { toAdapterError } from './to-adapter-error.js';
import { toCallOptions } from './to-call-options.js';

/** Options for {@link createAiSdkAdapter}. */
export interface AiSdkAdapterOptions {
  /** Any AI SDK v3 language model, e.g. `openai('gpt-4o-mini')` from `@ai-sdk/openai`. */
  model: LanguageModelV3;
  /** Provider id shown in events and certificates; defaults to the model's own `provider`. */
  provider?: string;
  /** USD per million tokens, keyed by model id; without a price the cost of each call is unknown (absent). */
  prices?: PriceTable;
}

/**
 * Wraps an AI SDK language model as a Nanocode adapter. It calls `doGenerate` / `doStream` directly,
 * not `generateText`, because `generateText` retries on its own: Nanocode's ladder must stay the only
 * retry loop. Only types are imported from the AI SDK, so `ai` stays an optional peer dependency.
 */
export function createAiSdkAdapter(options: AiSdkAdapterOptions): Adapter {
  const { model } = options;
  const base = {
    provider: options.provider ?? model.provider,
    model: model.modelId,
    prices: options.prices ?? {},
  };
  return {
    spec: 'nanocode.adapter/v1',
    provider: base.provider,
    model: base.model,
    async generate(request, { signal }) {
      const started = performance.now();
      try {
        const result = await model.doGenerate(toCallOptions({ request, signal }));
        return toResponse({
          ...base,
          request,
          text: textOf(result.content),
          usage: result.usage,
          finish: result.finishReason.unified,
          answeredBy: result.response?.modelId,
          latency_ms: Math.round(performance.now() - started),
        });
      } catch (error) {
        throw toAdapterError({ error, signal, now: Date.now });
      }
    },
    async *stream(request, { signal }): AsyncIterable<StreamChunk> {
      const started = performance.now();
      let text = '';
      try {
        const { stream } = await model.doStream(toCallOptions({ request, signal }));
        for await (const part of readParts({ stream, signal })) {
          if (part.type === 'text') {
            text += part.text;
            yield { type: 'delta', text: part.text };
          } else {
            yield {
              type: 'done',
              response: toResponse({
                ...base,
                request,
                text,
                usage: part.usage,
                finish: part.finish,
                answeredBy: part.answeredBy,
                latency_ms: Math.round(performance.now() - started),
              }),
            };
          }
        }
      } catch (error) {
        throw toAdapterError({ error, signal, now: Date.now });
      }
    },
  };
}

function textOf(content: readonly LanguageModelV3Content[]): string {
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'error',
  other: 'other',
};

function toResponse(options: {
  model: string;
  prices: PriceTable;
  request: ModelRequest;
  text: string;
  usage: LanguageModelV3Usage;
  finish: string;
  answeredBy: string | undefined;
  latency_ms: number;
}): ModelResponse {
  const input = options.usage.inputTokens.total;
  const output = options.usage.outputTokens.total;
  const estimated = input === undefined || output === undefined;
  // Estimate only what the provider left out, and say so.
  const estimate = estimateUsage({ messages: options.request.messages, text: options.text }).usage;
  const usage = {
    input_tokens: input ?? estimate.input_tokens,
    output_tokens: output ?? estimate.output_tokens,
  };
  const cost =
    priceOf({ table: options.prices, model: options.model, usage }) ??
    (options.answeredBy === undefined
      ? undefined
      : priceOf({ table: options.prices, model: options.answeredBy, usage }));
  return {
    text: options.text,
    finish_reason: FINISH[options.finish] ?? 'other',
    usage,
    model: options.answeredBy ?? options.model,
    latency_ms: options.latency_ms,
    ...(cost === undefined ? {} : { cost_usd: cost }),
    ...(estimated ? { usage_estimated: true } : {}),
  };
}
