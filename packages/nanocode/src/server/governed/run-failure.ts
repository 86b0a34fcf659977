import type { RunEvent } from '../../spec/events.js';
import type { RunResult } from '../../spec/run.js';
import type { ServerCertificateRef } from '../server-context.js';
import { type NanocodeInfo, nanocodeInfo } from './nanocode-info.js';
import type { OpenAiErrorBody } from './openai-error.js';

/** The error a run that released nothing answers with: OpenAI's error shape plus the `nanocode` object. */
export interface RunFailure {
  status: 400 | 422 | 500;
  body: OpenAiErrorBody & { nanocode: NanocodeInfo };
}

/**
 * Tells a client that no answer exists, never a made-up one. A safe stop (`stopped`) is 422,
 * `nanocode_stopped` / `run_stopped`; an `error` outcome is 500, `nanocode_error`, with the run's error
 * code, except inputs that break the declared schema (`NC_RUN_INPUT_INVALID`): the caller's fault, 400
 * `invalid_request_error`. Undefined for outcomes that released an output.
 */
export function runFailure(options: {
  result: RunResult;
  certificate: ServerCertificateRef | null;
}): RunFailure | undefined {
  const { result } = options;
  const nanocode = nanocodeInfo({ result, certificate: options.certificate });
  if (result.outcome === 'stopped') {
    const reason = stopReason({ events: result.events }) ?? result.error?.message;
    return {
      status: 422,
      body: {
        error: {
          message: `workflow run ${result.run_id} stopped safely and released no answer${reason === undefined ? '' : `: ${reason}`}`,
          type: 'nanocode_stopped',
          param: null,
          code: 'run_stopped',
        },
        nanocode,
      },
    };
  }
  if (result.outcome === 'error') {
    const badInput = result.error?.code === 'NC_RUN_INPUT_INVALID';
    return {
      status: badInput ? 400 : 500,
      body: {
        error: {
          message: badInput
            ? `workflow run ${result.run_id} refused its inputs: ${result.error?.message ?? ''}`
            : `workflow run ${result.run_id} failed: ${result.error?.message ?? 'unknown error'}`,
          type: badInput ? 'invalid_request_error' : 'nanocode_error',
          param: null,
          code: result.error?.code ?? 'run_error',
        },
        nanocode,
      },
    };
  }
  return undefined;
}

/** Why the run stopped, from its events: a refused input, an exhausted budget, or the last ladder trigger. */
export function stopReason(options: { events: readonly RunEvent[] }): string | undefined {
  const { events } = options;
  const refused = events.find(
    (e): e is RunEvent<'input.checked'> =>
      e.type === 'input.checked' && !(e as RunEvent<'input.checked'>).data.ok,
  );
  if (refused !== undefined)
    return `input refused (${refused.data.message ?? refused.data.constraint_ids.join(', ')})`;
  const budget = events.find((e): e is RunEvent<'budget.exhausted'> => e.type === 'budget.exhausted');
  if (budget !== undefined) return `budget exhausted (${budget.data.dimension})`;
  const stop = events.findLast(
    (e): e is RunEvent<'recovery.chosen'> =>
      e.type === 'recovery.chosen' && (e as RunEvent<'recovery.chosen'>).data.strategy === 'stop',
  );
  if (stop === undefined) return undefined;
  const { constraints, error } = stop.data.trigger;
  const step = stop.step === undefined ? '' : `step ${stop.step}: `;
  if (constraints !== undefined && constraints.length > 0) {
    return `${step}hard constraint(s) failed: ${constraints.join(', ')}`;
  }
  return error === undefined ? undefined : `${step}adapter error ${error}`;
}
