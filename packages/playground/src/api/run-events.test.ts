import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRecordedSse } from '../fixtures/recorded-sse.js';
import type { RunEvent } from '../model/events.js';
import { ApiError } from './client.js';
import { type FollowEnd, followRunEvents } from './run-events.js';

const recorded = readRecordedSse();
const blocks = recorded.split('\n\n').filter((block) => block.trim() !== '');

function streamOf(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

function sseResponse(text: string, size = 333): Response {
  return new Response(streamOf(text, size), {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Follows run r1 with no wait between reconnects; resolves how it ended and every event delivered. */
async function follow(
  options: Partial<Parameters<typeof followRunEvents>[0]> = {},
): Promise<{ end: FollowEnd; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const end = await followRunEvents({
    runId: 'r1',
    onEvents: (batch) => events.push(...batch),
    signal: new AbortController().signal,
    backoffMs: () => 0,
    ...options,
  });
  return { end, events };
}

describe('followRunEvents', () => {
  it('delivers every event of a recorded stream in order, cut into byte chunks (multi-byte safe)', async () => {
    const fetch = vi.fn(async () => sseResponse(recorded, 7));
    vi.stubGlobal('fetch', fetch);
    const { end, events } = await follow();
    expect(end).toBe('completed');
    expect(events.map((e) => e.seq)).toEqual(blocks.map((_, i) => i));
    expect(events.at(-1)?.type).toBe('run.completed');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/runs/r1/events');
    expect((init.headers as Record<string, string>).accept).toBe('text/event-stream');
  });

  it('reconnects with Last-Event-ID when the stream closes early, and skips repeated events', async () => {
    const firstPart = `${blocks.slice(0, 10).join('\n\n')}\n\n: heartbeat\n\n`;
    const secondPart = `${blocks.slice(8).join('\n\n')}\n\n`;
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(sseResponse(firstPart))
      .mockResolvedValueOnce(sseResponse(secondPart));
    vi.stubGlobal('fetch', fetch);
    const { end, events } = await follow();
    expect(end).toBe('completed');
    expect(events.map((e) => e.seq)).toEqual(blocks.map((_, i) => i));
    const second = fetch.mock.calls[1] as [string, RequestInit];
    expect((second[1].headers as Record<string, string>)['last-event-id']).toBe('9');
  });

  it('ends at the first close when run.completed was already seen (a run being certified)', async () => {
    const fetch = vi.fn(async () => sseResponse(''));
    vi.stubGlobal('fetch', fetch);
    const { end } = await follow({ after: blocks.length - 1, alreadyCompleted: true });
    expect(end).toBe('completed');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up after the bounded number of reconnects', async () => {
    const fetch = vi.fn(async () => sseResponse(': heartbeat\n\n'));
    vi.stubGlobal('fetch', fetch);
    const { end } = await follow({ maxReconnects: 2 });
    expect(end).toBe('gave_up');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("throws the server's error code", async () => {
    const body = JSON.stringify({ error: { code: 'NC_API_NOT_FOUND', message: 'no run r9' } });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { status: 404 })),
    );
    const failure = follow({ runId: 'r9' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 404, code: 'NC_API_NOT_FOUND' });
  });

  it('hands on the events of one chunk in one batch', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => sseResponse(recorded, recorded.length)),
    );
    const batches: RunEvent[][] = [];
    await followRunEvents({
      runId: 'r1',
      onEvents: (batch) => batches.push(batch),
      signal: new AbortController().signal,
    });
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((e) => e.seq)).toEqual(blocks.map((_, i) => i));
  });

  it('reconnects after the stream is cut or the server answers 503, and carries on from the last event', async () => {
    let pulls = 0;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1)
          controller.enqueue(new TextEncoder().encode(`${blocks.slice(0, 6).join('\n\n')}\n\n`));
        else controller.error(new TypeError('network error'));
      },
    });
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(cut, { headers: { 'content-type': 'text/event-stream' } }))
      .mockResolvedValueOnce(new Response('', { status: 503, statusText: 'Service Unavailable' }))
      .mockResolvedValueOnce(sseResponse(`${blocks.slice(6).join('\n\n')}\n\n`));
    vi.stubGlobal('fetch', fetch);
    const { end, events } = await follow();
    expect(end).toBe('completed');
    expect(events.map((e) => e.seq)).toEqual(blocks.map((_, i) => i));
    expect(fetch).toHaveBeenCalledTimes(3);
    const third = fetch.mock.calls[2] as [string, RequestInit];
    expect((third[1].headers as Record<string, string>)['last-event-id']).toBe('5');
  });

  it('drops a silent stream and reconnects, within the bound', async () => {
    // A stream that sends nothing, not even a heartbeat, and never closes.
    const silent = () =>
      new Response(new ReadableStream<Uint8Array>({ start() {} }), {
        headers: { 'content-type': 'text/event-stream' },
      });
    const fetch = vi
      .fn()
      .mockImplementationOnce(async () => silent())
      .mockImplementationOnce(async () => sseResponse(recorded));
    vi.stubGlobal('fetch', fetch);
    const { end, events } = await follow({ idleMs: 30 });
    expect(end).toBe('completed');
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(events).toHaveLength(blocks.length);
  });

  it('gives up with a coded error when the server stays unreachable', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetch);
    const failure = follow({ maxReconnects: 2 });
    await expect(failure).rejects.toMatchObject({ name: 'ApiError', status: 0, code: 'NETWORK' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('delivers nothing once aborted, and rejects', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => sseResponse(recorded, 50)),
    );
    const following = followRunEvents({
      runId: 'r1',
      onEvents: (batch) => {
        events.push(...batch);
        controller.abort(new DOMException('left the page', 'AbortError'));
      },
      signal: controller.signal,
    });
    await expect(following).rejects.toMatchObject({ name: 'AbortError' });
    expect(events.length).toBeLessThan(blocks.length);
    const seen = events.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toHaveLength(seen);
  });

  it('refuses, without reconnecting, a stream whose line never ends', async () => {
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
      },
    });
    const fetch = vi.fn(
      async () => new Response(endless, { headers: { 'content-type': 'text/event-stream' } }),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(follow()).rejects.toMatchObject({ code: 'BAD_REPLY' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
