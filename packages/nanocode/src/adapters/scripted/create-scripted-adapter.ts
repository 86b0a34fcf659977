import type { z } from 'zod';
import {
  type Adapter,
  AdapterError,
  type AdapterErrorCode,
  type ModelRequest,
  type ModelResponse,
  RETRYABLE_ADAPTER_ERRORS,
} from '../../spec/adapter.js';
import type { scriptedResponseSchema } from '../../spec/workflow.js';

/** One scripted reply: a text answer, or an injected error (the workflow file's `scripted:` entries). */
export type ScriptedReply = z.output<typeof scriptedResponseSchema>;

/**
 * FOR DEMOS AND TESTS ONLY: an adapter that calls no model. It answers each step's n-th call with
 * the n-th scripted reply for that step, so runs are deterministic and offline. It says so: the
 * adapter is marked `simulated`, and timelines and certificates show the `scripted` provider.
 * When a step's replies run out it fails with a non-retryable `script_exhausted` error.
 * Token usage, unless scripted, is estimated as ceil(chars / 4); latency is reported, not slept.
 */
export function createScriptedAdapter(options: {
  model: string;
  replies: Readonly<Record<string, readonly ScriptedReply[]>>;
}): Adapter {
  const calls = new Map<string, number>();
  return {
    spec: 'nanocode.adapter/v1',
    provider: 'scripted',
    model: options.model,
    simulated: true,
    async generate(request: ModelRequest, { signal }): Promise<ModelResponse> {
      if (signal.aborted) throw new AdapterError({ code: 'aborted', message: 'aborted', retryable: false });
      const step = request.context.step;
      const index = calls.get(step) ?? 0;
      calls.set(step, index + 1);
      const reply = options.replies[step]?.[index];
      if (reply === undefined) {
        throw new AdapterError({
          code: 'script_exhausted',
          message: `scripted:${options.model} has no reply #${index + 1} for step \`${step}\``,
          retryable: false,
        });
      }
      if ('error' in reply) throw scriptedError(reply.error);
      const promptChars = request.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text: reply.text,
        finish_reason: reply.finish_reason ?? 'stop',
        usage: reply.usage ?? {
          input_tokens: Math.ceil(promptChars / 4),
          output_tokens: Math.ceil(reply.text.length / 4),
        },
        model: options.model,
        latency_ms: reply.latency_ms ?? 0,
        cost_usd: reply.cost_usd ?? 0,
      };
    },
  };
}

function scriptedError(error: Extract<ScriptedReply, { error: unknown }>['error']): AdapterError {
  const message = error.message ?? `scripted ${error.code}`;
  if (error.status !== undefined) {
    return AdapterError.fromStatus({
      status: error.status,
      message,
      ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
    });
  }
  return new AdapterError({
    code: error.code as AdapterErrorCode,
    message,
    retryable: error.retryable ?? RETRYABLE_ADAPTER_ERRORS.includes(error.code as AdapterErrorCode),
    ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
  });
}
