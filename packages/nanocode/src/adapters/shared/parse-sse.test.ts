import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../spec/adapter.js';
import { parseSse, type SseEvent } from './parse-sse.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSse({ body: streamOf(chunks), provider: 'test' })) events.push(event);
  return events;
}

describe('parseSse', () => {
  it('reads LF, CRLF and CR line ends, split anywhere across chunks', async () => {
    const text = 'data: one\n\ndata: two\r\n\r\ndata: three\r\rdata: four\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(await collect([text.slice(0, cut), text.slice(cut)])).toEqual([
        { data: 'one' },
        { data: 'two' },
        { data: 'three' },
        { data: 'four' },
      ]);
    }
  });

  it('joins multi-line data, keeps event and the last id (it persists, per spec), skips comments and data-less events', async () => {
    const events = await collect([
      '\uFEFF: keep-alive\n\n',
      'event: message_start\nid: 7\ndata: {"a":\ndata:1}\n\n',
      'event: ping\n\n',
      'data\n\n',
    ]);
    expect(events).toEqual([
      { event: 'message_start', id: '7', data: '{"a":\n1}' },
      { data: '', id: '7' },
    ]);
  });

  it('removes only one leading space from a value', async () => {
    expect(await collect(['data:  two spaces\n\n'])).toEqual([{ data: ' two spaces' }]);
  });

  it('rejects a stream that ends inside an event with a retryable unavailable error', async () => {
    const cut = collect(['data: {"a":1}\n\ndata: {"b"']);
    await expect(cut).rejects.toBeInstanceOf(AdapterError);
    await expect(cut).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    await expect(collect(['data: x\n'])).rejects.toMatchObject({ message: /stream cut/ });
  });

  it('ends quietly after a complete event', async () => {
    expect(await collect(['data: [DONE]\n\n'])).toEqual([{ data: '[DONE]' }]);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of parseSse({ body, provider: 'test' })) break;
    expect(cancelled).toBe(true);
  });
});
