import { AdapterError, type FinishReason, type Usage } from '../../spec/adapter.js';
import { badResponse, parseSse } from '../shared/index.js';
import { errorFromEvent } from './error-from-event.js';
import { finishOf, isRecord, usageOf } from './from-message.js';

/** What {@link readMessageStream} yields: text pieces, then one end with what the events reported. */
export type MessageStreamPart =
  | { type: 'delta'; text: string }
  | { type: 'end'; finish_reason: FinishReason; usage: Partial<Usage>; model: string | undefined };

/**
 * Reads a Messages API event stream: `content_block_delta` text deltas are yielded as they come,
 * `message_start` and `message_delta` carry the model, usage and stop reason, and `message_stop` ends
 * the reply. An `error` event rejects with its classified error; a stream that ends before
 * `message_stop` is cut (`unavailable`, retryable), so a partial reply is never taken for a whole one.
 */
export async function* readMessageStream(options: {
  body: ReadableStream<Uint8Array>;
  provider: string;
  secrets: readonly string[];
  now: () => number;
}): AsyncGenerator<MessageStreamPart> {
  const { provider } = options;
  let usage: Partial<Usage> = {};
  let model: string | undefined;
  let stopReason: unknown;
  for await (const event of parseSse({ body: options.body, provider })) {
    const type = event.event ?? 'message';
    if (type === 'ping') continue;
    if (type === 'error') {
      throw errorFromEvent({ data: event.data, provider, secrets: options.secrets, nowMs: options.now() });
    }
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      throw badResponse({ provider, reason: `the \`${type}\` event is not valid JSON` });
    }
    if (!isRecord(data)) continue;
    if (type === 'message_start' && isRecord(data.message)) {
      if (typeof data.message.model === 'string') model = data.message.model;
      usage = usageOf({ usage: data.message.usage, prior: usage });
    } else if (type === 'content_block_delta' && isRecord(data.delta) && data.delta.type === 'text_delta') {
      if (typeof data.delta.text === 'string' && data.delta.text !== '')
        yield { type: 'delta', text: data.delta.text };
    } else if (type === 'message_delta') {
      if (isRecord(data.delta)) stopReason = data.delta.stop_reason;
      usage = usageOf({ usage: data.usage, prior: usage });
    } else if (type === 'message_stop') {
      yield { type: 'end', finish_reason: finishOf(stopReason), usage, model };
      return;
    }
  }
  throw new AdapterError({
    code: 'unavailable',
    message: `${provider}: stream cut before \`message_stop\``,
    retryable: true,
  });
}
