import type { Adapter, ModelRequest } from '../../spec/adapter.js';

/**
 * Wraps an adapter so requests that set no `temperature` or `max_tokens` get the given ones (a named
 * model's parameters). What the step sets always wins.
 */
export function withRequestDefaults(options: {
  adapter: Adapter;
  temperature?: number;
  max_tokens?: number;
}): Adapter {
  const { adapter } = options;
  if (options.temperature === undefined && options.max_tokens === undefined) return adapter;
  const fill = (request: ModelRequest): ModelRequest => ({
    ...request,
    ...(request.temperature === undefined && options.temperature !== undefined
      ? { temperature: options.temperature }
      : {}),
    ...(request.max_tokens === undefined && options.max_tokens !== undefined
      ? { max_tokens: options.max_tokens }
      : {}),
  });
  const stream = adapter.stream?.bind(adapter);
  return {
    ...adapter,
    generate: (request, generateOptions) => adapter.generate(fill(request), generateOptions),
    ...(stream === undefined
      ? {}
      : { stream: (request, streamOptions) => stream(fill(request), streamOptions) }),
  };
}
