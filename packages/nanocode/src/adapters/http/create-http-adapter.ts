import type { z } from 'zod';
import type { Adapter, GenerateOptions, ModelRequest, ModelResponse } from '../../spec/adapter.js';
import type { httpEndpointSchema } from '../../spec/workflow.js';
import {
  badResponse,
  ensureOk,
  estimateUsage,
  fetchWithTimeouts,
  type PriceTable,
  parseJsonBody,
  priceOf,
  readBodyText,
} from '../shared/index.js';
import { httpFinishReason } from './http-finish-reason.js';
import { readPath } from './read-path.js';
import { placeholderValues, renderBodyTemplate } from './render-body-template.js';

/** A custom endpoint declaration: method, body template and response paths (a provider's `http:`). */
export type HttpEndpoint = z.output<typeof httpEndpointSchema>;

/** Options of {@link createHttpAdapter}. */
export interface HttpAdapterOptions {
  /** Provider id shown in events and certificates (the provider's name in config). */
  provider: string;
  /** Model name, available to the body as `{{ model }}`. */
  model: string;
  /** The endpoint URL. */
  url: string;
  endpoint: HttpEndpoint;
  /** Request headers, secrets already resolved from the environment by the caller. */
  headers?: Readonly<Record<string, string>>;
  /** Sent as `Authorization: Bearer` when given. */
  apiKey?: string;
  /** Secret values (keys, header values from the environment) to redact from error messages. */
  secrets?: readonly string[];
  prices?: PriceTable;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * An adapter for a custom JSON endpoint declared in config: the request body is a JSON template whose
 * `{{ }}` placeholders take the request's values (inserted as JSON, never evaluated), and the text,
 * token counts and finish reason are read from the response at declared dot paths. Missing token
 * counts are estimated and marked; a missing or non-string text is `bad_response`.
 */
export function createHttpAdapter(options: HttpAdapterOptions): Adapter {
  const { provider, endpoint } = options;
  const secrets = [...(options.apiKey === undefined ? [] : [options.apiKey]), ...(options.secrets ?? [])];
  return {
    spec: 'nanocode.adapter/v1',
    provider,
    model: options.model,
    async generate(request: ModelRequest, { signal }: GenerateOptions): Promise<ModelResponse> {
      const started = performance.now();
      const body = renderBodyTemplate({
        template: endpoint.body,
        values: placeholderValues({ request, model: options.model }),
      });
      const timed = await fetchWithTimeouts({
        url: options.url,
        init: {
          method: endpoint.method,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...options.headers,
            ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
          },
          body: JSON.stringify(body),
        },
        connectTimeoutMs: options.connectTimeoutMs,
        totalTimeoutMs: options.totalTimeoutMs,
        signal,
        provider,
        fetch: options.fetch ?? globalThis.fetch,
      });
      await ensureOk({ timed, provider, secrets });
      const text = await readBodyText({ timed });
      const parsed = parseJsonBody({ text, provider });
      const reply = readPath({ value: parsed, path: endpoint.response.text });
      if (typeof reply !== 'string') {
        throw badResponse({ provider, reason: `no string at \`${endpoint.response.text}\` in the response` });
      }
      const count = (path: string | undefined) => {
        const value = path === undefined ? undefined : readPath({ value: parsed, path });
        return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
      };
      const input = count(endpoint.response.input_tokens);
      const output = count(endpoint.response.output_tokens);
      const measured =
        input === undefined || output === undefined
          ? estimateUsage({ messages: request.messages, text: reply })
          : { usage: { input_tokens: input, output_tokens: output } };
      const finishPath = endpoint.response.finish_reason;
      const cost = priceOf({ table: options.prices ?? {}, model: options.model, usage: measured.usage });
      return {
        text: reply,
        finish_reason: httpFinishReason(
          finishPath === undefined ? undefined : readPath({ value: parsed, path: finishPath }),
        ),
        usage: measured.usage,
        model: options.model,
        latency_ms: Math.round(performance.now() - started),
        ...(cost === undefined ? {} : { cost_usd: cost }),
        ...('usage_estimated' in measured ? { usage_estimated: true } : {}),
      };
    },
  };
}
