import type { RunResult } from '../../spec/run.js';
import type { ServerCertificateRef } from '../server-context.js';
import { type ChatUsage, chatUsage } from './chat-usage.js';
import { type NanocodeInfo, nanocodeInfo } from './nanocode-info.js';

/** A non-streamed chat completion (OpenAI `CreateChatCompletionResponse`) with the `nanocode` object. */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop';
  }>;
  usage: ChatUsage;
  nanocode: NanocodeInfo;
}

/** The completion id of a run: OpenAI's `chatcmpl-` prefix and the run id. */
export function completionId(options: { run_id: string }): string {
  return `chatcmpl-${options.run_id}`;
}

/** The released output as message text: a string as is, anything else (JSON outputs) as JSON text. */
export function releasedText(options: { output: unknown }): string {
  const { output } = options;
  return typeof output === 'string' ? output : JSON.stringify(output ?? null);
}

/** Unix seconds of the run's start (its first event), so the reply is a function of the run alone. */
export function createdOf(options: { result: Pick<RunResult, 'events'> }): number {
  const ts = options.result.events[0]?.ts;
  return ts === undefined ? 0 : Math.floor(Date.parse(ts) / 1000);
}

/**
 * The chat completion of a run that released an output (certified, with exceptions, or degraded: the
 * outcome shows in `nanocode.outcome`). `model` echoes the requested model string.
 */
export function toChatCompletion(options: {
  model: string;
  result: RunResult;
  certificate: ServerCertificateRef | null;
}): ChatCompletion {
  const { result } = options;
  return {
    id: completionId({ run_id: result.run_id }),
    object: 'chat.completion',
    created: createdOf({ result }),
    model: options.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: releasedText({ output: result.output }), refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: chatUsage({ events: result.events }),
    nanocode: nanocodeInfo({ result, certificate: options.certificate }),
  };
}
