import { resultSteps } from '../../runner/index.js';
import type { PolicyRef, RunEvent } from '../../spec/events.js';
import type { RunResult } from '../../spec/run.js';
import type { ResolvedConfig } from '../../spec/workflow.js';
import type { ServerCertificateRef, ServerContext } from '../server-context.js';
import { type ChunkBase, DONE_FRAME, deltaChunk, sseFrame, usageChunk } from './chat-chunk.js';
import { chatUsage } from './chat-usage.js';
import { createFrameStream, type FrameStream } from './frame-stream.js';
import { nanocodeHeaders, nanocodeInfo } from './nanocode-info.js';
import { jsonResponse } from './openai-error.js';
import { runFailure } from './run-failure.js';
import { completionId, createdOf, releasedText } from './to-chat-completion.js';

/** Options of {@link streamChatCompletion}. */
export interface StreamChatCompletionOptions {
  context: ServerContext;
  config: ResolvedConfig;
  /** The policy the profile was resolved under, recorded in the run. */
  policy: PolicyRef;
  inputs: Record<string, unknown>;
  tenant: string;
  /** The requested model string, echoed in every chunk. */
  model: string;
  includeUsage: boolean;
  /** The request's signal: a client that leaves cancels the run (a recorded safe stop). */
  signal?: AbortSignal;
  /** Headers every response carries (e.g. `x-should-retry`). */
  headers: Record<string, string>;
}

type Done = { result: RunResult; certificate: ServerCertificateRef | null };

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/**
 * Answers `stream: true` by the streaming policy. A buffered result step (`release: after_checks`, the
 * default) releases nothing before its checks: the response starts when the run ends, so a safe stop is
 * a plain 422 and the outcome header is set. A `release: pass_through` result step forwards its deltas
 * live: the response starts with the first delta, the outcome arrives in the closing chunk's `nanocode`
 * object, and a stop after that is an error frame, then the stream closes without `[DONE]`.
 */
export async function streamChatCompletion(options: StreamChatCompletionOptions): Promise<Response> {
  const { context, config, model, includeUsage } = options;
  const ids = resultSteps(config.workflow);
  const single = ids.length === 1 ? ids[0] : undefined;
  const liveStep =
    single !== undefined && config.workflow.steps[single]?.release === 'pass_through' ? single : undefined;
  const cancel = new AbortController();
  const signal =
    options.signal === undefined ? cancel.signal : AbortSignal.any([options.signal, cancel.signal]);
  const frames = createFrameStream({ onCancel: () => cancel.abort() });
  let base: ChunkBase | undefined;
  let started: { run_id: string; created: number } | undefined;
  let live = false;

  const opening = new Promise<'live' | Done>((resolve, reject) => {
    const onEvent = (event: RunEvent): void => {
      if (event.type === 'run.started') {
        started = {
          run_id: (event as RunEvent<'run.started'>).data.run_id,
          created: createdOf({ result: { events: [event] } }),
        };
      }
    };
    const onDelta = (delta: { step: string; text: string }): void => {
      if (delta.step !== liveStep || delta.text === '' || started === undefined) return;
      if (base === undefined) {
        base = {
          id: completionId({ run_id: started.run_id }),
          created: started.created,
          model,
          includeUsage,
        };
        frames.write(sseFrame({ data: deltaChunk({ base, delta: { role: 'assistant', content: '' } }) }));
        live = true;
        resolve('live');
      }
      frames.write(sseFrame({ data: deltaChunk({ base, delta: { content: delta.text } }) }));
    };
    context
      .executeRun({
        config,
        inputs: options.inputs,
        tenant: options.tenant,
        policy: options.policy,
        signal,
        onEvent,
        ...(liveStep === undefined ? {} : { onDelta }),
      })
      .then(
        (done) => {
          if (!live) return resolve(done);
          finishStream({ frames, base: base as ChunkBase, done });
        },
        (error: unknown) => {
          if (!live) return reject(error);
          // The response has started: the failure can only be told in the stream itself.
          context.logger.error({ err: error }, 'governed stream failed after its start');
          frames.write(
            sseFrame({
              data: {
                error: {
                  message: 'internal error',
                  type: 'server_error',
                  param: null,
                  code: 'NC_API_INTERNAL',
                },
              },
            }),
          );
          frames.close();
        },
      );
  });

  const first = await opening;
  if (first === 'live') {
    const headers = {
      ...SSE_HEADERS,
      ...options.headers,
      ...nanocodeHeaders({ run_id: (started as { run_id: string }).run_id }),
    };
    return new Response(frames.body, { status: 200, headers });
  }
  const { result, certificate } = first;
  const headers = {
    ...options.headers,
    ...nanocodeHeaders({ run_id: result.run_id, outcome: result.outcome }),
  };
  const failure = runFailure({ result, certificate });
  if (failure !== undefined) return jsonResponse({ status: failure.status, body: failure.body, headers });
  base = { id: completionId({ run_id: result.run_id }), created: createdOf({ result }), model, includeUsage };
  frames.write(sseFrame({ data: deltaChunk({ base, delta: { role: 'assistant', content: '' } }) }));
  frames.write(
    sseFrame({ data: deltaChunk({ base, delta: { content: releasedText({ output: result.output }) } }) }),
  );
  finishStream({ frames, base, done: first });
  return new Response(frames.body, { status: 200, headers: { ...SSE_HEADERS, ...headers } });
}

/** Closes a stream: the stop chunk, the usage chunk when asked for and `[DONE]`; or an error frame. */
function finishStream(options: { frames: FrameStream; base: ChunkBase; done: Done }): void {
  const { frames, base, done } = options;
  const failure = runFailure(done);
  if (failure !== undefined) {
    frames.write(sseFrame({ data: failure.body }));
    frames.close();
    return;
  }
  const nanocode = nanocodeInfo(done);
  frames.write(sseFrame({ data: deltaChunk({ base, delta: {}, finish: { nanocode } }) }));
  if (base.includeUsage) {
    frames.write(
      sseFrame({ data: usageChunk({ base, usage: chatUsage({ events: done.result.events }), nanocode }) }),
    );
  }
  frames.write(DONE_FRAME);
  frames.close();
}
