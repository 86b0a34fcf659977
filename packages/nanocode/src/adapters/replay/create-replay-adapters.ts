import {
  type Adapter,
  AdapterError,
  type AdapterErrorCode,
  type AdapterResolver,
  type ModelResponse,
} from '../../spec/adapter.js';
import type { RunEvent } from '../../spec/events.js';

type Recorded = { adapter: string; response: ModelResponse } | { adapter: string; error: AdapterError };

/**
 * The `replay` adapters: every model reference answers with the response recorded in a stored
 * run's events for the same step and attempt. Nothing is called. A request the run never made (the
 * workflow changed, or the outputs were redacted) fails with a non-retryable `not_recorded` error.
 */
export function createReplayAdapters(options: { events: readonly RunEvent[] }): AdapterResolver {
  const recorded = new Map<string, Recorded>();
  for (const event of options.events) {
    const key = `${event.step ?? ''}#${event.attempt ?? 0}`;
    if (event.type === 'attempt.completed') {
      const data = (event as RunEvent<'attempt.completed'>).data;
      if (data.text === undefined) continue;
      recorded.set(key, {
        adapter: data.adapter,
        response: {
          text: data.text,
          finish_reason: 'stop',
          usage: data.usage,
          model: data.model,
          latency_ms: data.latency_ms,
          ...(data.cost_usd === null ? {} : { cost_usd: data.cost_usd }),
          ...(data.usage_estimated ? { usage_estimated: true } : {}),
        },
      });
    } else if (event.type === 'attempt.failed') {
      const { adapter, error } = (event as RunEvent<'attempt.failed'>).data;
      recorded.set(key, {
        adapter,
        error: new AdapterError({
          code: error.code as AdapterErrorCode,
          message: error.message,
          retryable: error.retryable,
          ...(error.status === undefined ? {} : { status: error.status }),
          ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
        }),
      });
    }
  }
  return (ref) => {
    const [provider = '', ...rest] = ref.split(':');
    const adapter: Adapter = {
      spec: 'nanocode.adapter/v1',
      provider,
      model: rest.join(':'),
      simulated: true,
      async generate(request) {
        const entry = recorded.get(`${request.context.step}#${request.context.attempt}`);
        if (entry === undefined || entry.adapter !== ref) {
          throw new AdapterError({
            code: 'not_recorded',
            message: `the recorded run has no response from ${ref} for step \`${request.context.step}\` attempt ${request.context.attempt}`,
            retryable: false,
          });
        }
        if ('error' in entry) throw entry.error;
        return entry.response;
      },
    };
    return adapter;
  };
}
