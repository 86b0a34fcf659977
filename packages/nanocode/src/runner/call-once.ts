import { digestJson } from '../evidence/index.js';
import { AdapterError, type ChatMessage, type ModelRequest, type Usage } from '../spec/adapter.js';
import { NanocodeError } from '../spec/errors.js';
import type { Step } from '../spec/workflow.js';
import { parseOutput } from './evaluate-output.js';
import type { RunContext } from './run-context.js';

/** What one attempt produced. */
export type AttemptResult =
  | {
      ok: true;
      text: string;
      output: unknown;
      usage: Usage;
      usage_estimated: boolean;
      latency_ms: number;
      /** `null` when the adapter does not know the price. */
      cost_usd: number | null;
      finish_reason: string;
      /** The model that answered, as the provider reports it. */
      model: string;
      /** True when the text was streamed to the caller as it arrived, before any check. */
      released: boolean;
    }
  | { ok: false; error: AdapterError; released: boolean };

/** A way to make one attempt of a step: an adapter call, or a registered function call. */
export interface AttemptMaker {
  /** References tried in fallback order (`provider:model`, or `function:<name>`). */
  refs: string[];
  /** Model attempts count against the attempts budget; function calls do not. */
  countsAsAttempt: boolean;
  make(options: { attempt: number; ref: string; messages: ChatMessage[] }): Promise<AttemptResult>;
}

/** Attempts that call a model adapter through the effects interface. */
export function modelAttempts(options: { ctx: RunContext; stepId: string; step: Step }): AttemptMaker {
  const { ctx, stepId, step } = options;
  return {
    refs: step.model ?? [],
    countsAsAttempt: true,
    async make({ attempt, ref, messages }) {
      const adapter = ctx.adapters(ref);
      if (adapter === undefined) {
        throw new NanocodeError({
          code: 'NC_RUN_UNKNOWN_ADAPTER',
          message: `no adapter is available for \`${ref}\` (step \`${stepId}\`)`,
        });
      }
      const request: ModelRequest = {
        messages,
        response_format: step.output === 'json' ? { type: 'json' } : { type: 'text' },
        context: { run_id: ctx.run_id, step: stepId, attempt },
        ...(step.temperature === undefined ? {} : { temperature: step.temperature }),
        ...(step.max_tokens === undefined ? {} : { max_tokens: step.max_tokens }),
        ...(step.seed === undefined ? {} : { seed: step.seed }),
        ...(step.stop === undefined ? {} : { stop: step.stop }),
      };
      // Pass-through streams to a caller that takes deltas; otherwise the output waits for its checks.
      const onDelta = step.release === 'pass_through' ? ctx.onDelta : undefined;
      let released = false;
      try {
        const key = `${stepId}/${attempt}/adapter`;
        const response = onDelta
          ? await ctx.effects.streamAdapter(key, adapter, request, {
              signal: ctx.signal,
              onDelta: (text) => {
                released = true;
                onDelta({ step: stepId, attempt, text });
              },
            })
          : await ctx.effects.callAdapter(key, adapter, request, { signal: ctx.signal });
        return {
          ok: true,
          text: response.text,
          output: parseOutput({ text: response.text, format: step.output }),
          usage: response.usage,
          usage_estimated: response.usage_estimated === true,
          latency_ms: response.latency_ms,
          cost_usd: response.cost_usd ?? null,
          finish_reason: response.finish_reason,
          model: response.model,
          released,
        };
      } catch (error) {
        if (ctx.signal.aborted && !(error instanceof NanocodeError)) {
          return {
            ok: false,
            error: new AdapterError({ code: 'aborted', message: 'aborted', retryable: false }),
            released,
          };
        }
        return { ok: false, error: asAdapterError(error), released };
      }
    },
  };
}

/** Attempts that call a function registered in code. */
export function functionAttempts(options: {
  ctx: RunContext;
  stepId: string;
  step: Step;
  args: Record<string, unknown>;
}): AttemptMaker {
  const { ctx, stepId, step, args } = options;
  const name = step.function ?? '';
  const fn = ctx.functions[name];
  if (fn === undefined) {
    throw new NanocodeError({
      code: 'NC_RUN_UNKNOWN_FUNCTION',
      message: `step \`${stepId}\` calls function \`${name}\`, which was not registered`,
      hint: 'pass it in `functions` (library) or register it in code',
    });
  }
  return {
    refs: [`function:${name}`],
    countsAsAttempt: false,
    async make({ attempt }) {
      const started = ctx.now(stepId);
      try {
        const output = await ctx.effects.callFunction(
          `${stepId}/${attempt}/function`,
          async (signal) => fn(args, { signal }),
          { signal: ctx.signal },
        );
        const text = typeof output === 'string' ? output : JSON.stringify(output ?? null);
        const latency_ms = ctx.now(stepId) - started;
        return {
          ok: true,
          text,
          output,
          usage: { input_tokens: 0, output_tokens: 0 },
          usage_estimated: false,
          latency_ms,
          cost_usd: 0,
          finish_reason: 'stop',
          model: name,
          released: false,
        };
      } catch (error) {
        if (error instanceof NanocodeError) throw error;
        if (error instanceof AdapterError) return { ok: false, error, released: false };
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: new AdapterError({ code: 'unknown', message, retryable: false }),
          released: false,
        };
      }
    },
  };
}

/** Any rejection becomes an AdapterError; NanocodeErrors (programmer/config errors) propagate. */
function asAdapterError(error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  if (error instanceof NanocodeError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterError({ code: 'unknown', message, retryable: false, cause: error });
}

/** `sha256:` digest of a request's messages, recorded even when the messages are redacted. */
export function requestDigest(messages: readonly ChatMessage[]): string {
  return digestJson(messages);
}
