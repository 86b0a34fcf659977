import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeProvider } from './fake-provider-types.js';
import { parseSse, postJson, readUntilCut } from './sse.test-util.js';
import { startFakeProvider } from './start-fake-provider.js';

let fake: FakeProvider;
beforeEach(async () => {
  fake = await startFakeProvider({ defaultReply: 'default text here' });
});
afterEach(() => fake.close());

const generate = (body: unknown) => postJson({ url: `${fake.url}/custom/generate`, body });

describe('POST /custom/generate', () => {
  it('answers { output: { text }, meta: { tokens_in, tokens_out, finish } }', async () => {
    fake.enqueue({ reply: 'custom answer', usage: { input: 4, output: 2 } });
    const response = await generate({ prompt: 'hello' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({
      output: { text: 'custom answer' },
      meta: { tokens_in: 4, tokens_out: 2, finish: 'stop' },
    });
  });

  it('honours max_tokens with a length finish, omits usage when asked, and reports content filters', async () => {
    const cut = (await (await generate({ prompt: 'p', max_tokens: 1 })).json()) as {
      output: { text: string };
    };
    expect(cut).toMatchObject({ output: { text: 'defa' }, meta: { finish: 'length' } });
    fake.enqueue({ reply: 'x', usage: 'omit' }, { contentFilter: true });
    expect(await (await generate({ prompt: 'p' })).json()).toEqual({
      output: { text: 'x' },
      meta: { finish: 'stop' },
    });
    expect(await (await generate({ prompt: 'p' })).json()).toMatchObject({
      output: { text: '' },
      meta: { finish: 'content_filter' },
    });
  });

  it('answers errors as { error: { code, message } } with Retry-After on 429', async () => {
    fake.enqueue({ status: 429, retryAfter: 5 }, { status: 400, errorType: 'context_length_exceeded' });
    const limited = await generate({ prompt: 'p' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const tooLong = await generate({ prompt: 'p' });
    expect(await tooLong.json()).toMatchObject({ error: { code: 'context_length_exceeded' } });
    const invalid = await generate({ text: 'no prompt' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('sends a malformed body, and cuts a body mid-way', async () => {
    fake.enqueue({ malformedJson: true }, { cutStreamAfterChunks: 0 });
    const malformed = await generate({ prompt: 'p' });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    const cut = await readUntilCut({ response: await generate({ prompt: 'p' }) });
    expect(cut.complete).toBe(false);
  });

  it('streams delta events and a done event with the whole reply', async () => {
    fake.enqueue({ reply: 'a b c' });
    const frames = parseSse({ text: await (await generate({ prompt: 'p', stream: true })).text() });
    expect(frames.map((f) => f.event)).toEqual(['delta', 'delta', 'delta', 'done']);
    expect(
      frames
        .slice(0, 3)
        .map((f) => JSON.parse(f.data).text)
        .join(''),
    ).toBe('a b c');
    expect(JSON.parse(frames[3]?.data ?? '')).toMatchObject({ output: { text: 'a b c' } });
  });
});
