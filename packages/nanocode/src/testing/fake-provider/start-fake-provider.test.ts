import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../../spec/errors.js';
import { FAKE_DEFAULT_REPLY, type FakeBehaviour } from './fake-provider-types.js';
import { postJson } from './sse.test-util.js';
import { startFakeProvider } from './start-fake-provider.js';

const AUTH = { authorization: 'Bearer sk-secret-value' };
const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

async function chatText(options: { url: string }): Promise<string> {
  const response = await postJson({ url: `${options.url}/v1/chat/completions`, headers: AUTH, body: CHAT });
  const body = (await response.json()) as { choices?: { message: { content: string } }[] };
  return body.choices?.[0]?.message.content ?? `status ${response.status}`;
}

/** Resolves once the fake has recorded `count` requests (polling between event-loop turns). */
async function receivedRequests(options: { requests: readonly unknown[]; count: number }): Promise<void> {
  while (options.requests.length < options.count) await new Promise((resolve) => setImmediate(resolve));
}

describe('startFakeProvider', () => {
  it('binds 127.0.0.1 only and refuses any other host or a bad port', async () => {
    const host = '0.0.0.0' as '127.0.0.1';
    await expect(startFakeProvider({ host })).rejects.toThrow(NanocodeError);
    await expect(startFakeProvider({ host })).rejects.toMatchObject({ code: 'NC_CFG_INVALID_VALUE' });
    await expect(startFakeProvider({ port: 70000 })).rejects.toMatchObject({ code: 'NC_CFG_INVALID_VALUE' });
    const fake = await startFakeProvider({});
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fake.close();
  });

  it('serves the script in order, then enqueued behaviours, then the default reply', async () => {
    const fake = await startFakeProvider({ script: [{ reply: 'first' }, { reply: 'second' }] });
    fake.enqueue({ reply: 'third' });
    const texts = [];
    for (let i = 0; i < 4; i += 1) texts.push(await chatText({ url: fake.url }));
    expect(texts).toEqual(['first', 'second', 'third', FAKE_DEFAULT_REPLY]);
    await fake.close();
  });

  it('asks a script function per request once the queue is empty, and answers 500 when it throws', async () => {
    const script = (request: { body: unknown }): FakeBehaviour => {
      const content = (request.body as typeof CHAT).messages[0]?.content;
      if (content === 'boom') throw new Error('script bug');
      return { reply: `echo: ${content}` };
    };
    const fake = await startFakeProvider({ script, defaultReply: 'unused' });
    fake.enqueue({ reply: 'queued' });
    expect(await chatText({ url: fake.url })).toBe('queued');
    expect(await chatText({ url: fake.url })).toBe('echo: hi');
    const broken = await postJson({
      url: `${fake.url}/v1/chat/completions`,
      headers: AUTH,
      body: { ...CHAT, messages: [{ role: 'user', content: 'boom' }] },
    });
    expect(broken.status).toBe(500);
    await fake.close();
  });

  it('rejects a behaviour it does not know when it is queued', async () => {
    const fake = await startFakeProvider({});
    expect(() => fake.enqueue({ status: 418 } as unknown as FakeBehaviour)).toThrow(NanocodeError);
    expect(() => fake.enqueue({ reply: 'x', delayMs: -1 })).toThrow(/delayMs/);
    expect(() => fake.enqueue({ nonsense: true } as unknown as FakeBehaviour)).toThrow(/expected reply/);
    await fake.close();
  });

  it('records every request without its key: headers, body, path and route', async () => {
    const fake = await startFakeProvider({});
    await chatText({ url: fake.url });
    await postJson({ url: `${fake.url}/v1/messages`, headers: { 'x-api-key': 'sk-ant-secret' }, body: {} });
    await fetch(`${fake.url}/nowhere`);
    expect(fake.requests.map((r) => [r.method, r.path, r.route, r.authorized])).toEqual([
      ['POST', '/v1/chat/completions', 'openai', true],
      ['POST', '/v1/messages', 'anthropic', true],
      ['GET', '/nowhere', 'unknown', false],
    ]);
    expect(fake.requests[0]?.body).toEqual(CHAT);
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
    const recorded = JSON.stringify(fake.requests);
    expect(recorded).not.toContain('secret');
    expect(recorded).not.toContain('authorization');
    await fake.close();
  });

  it('answers a delayed reply after its delay', async () => {
    const fake = await startFakeProvider({ script: [{ reply: 'late', delayMs: 20 }] });
    expect(await chatText({ url: fake.url })).toBe('late');
    await fake.close();
  });

  it('closes cleanly while a request hangs: the hung client sees its connection end', async () => {
    const fake = await startFakeProvider({ script: [{ hang: true }] });
    const hung = postJson({ url: `${fake.url}/v1/chat/completions`, headers: AUTH, body: CHAT });
    await receivedRequests({ requests: fake.requests, count: 1 });
    await fake.close();
    await expect(hung).rejects.toThrow();
  });

  it('keeps connections alive between requests', async () => {
    const fake = await startFakeProvider({});
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ reused: boolean; length: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest(`${fake.url}/v1/models`, { agent }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () =>
            resolve({ reused: req.reusedSocket, length: res.headers['content-length'], body }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    const first = await get();
    const second = await get();
    expect([first.reused, second.reused]).toEqual([false, true]);
    expect(Number(second.length)).toBe(Buffer.byteLength(second.body));
    agent.destroy();
    await fake.close();
  });

  it('lists the model in Anthropic shape when asked with anthropic-version', async () => {
    const fake = await startFakeProvider({});
    const response = await fetch(`${fake.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(await response.json()).toMatchObject({
      data: [{ type: 'model', id: 'fake-model' }],
      has_more: false,
    });
    await fake.close();
  });

  it('answers a request body that is not JSON with 400 in the route shape', async () => {
    const fake = await startFakeProvider({});
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: AUTH,
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(fake.requests[0]?.body).toBe('{oops');
    await fake.close();
  });

  it('logs one line per request when asked', async () => {
    const lines: string[] = [];
    const fake = await startFakeProvider({
      log: true,
      logTo: (line) => lines.push(line),
      script: [{ status: 503 }, { cutStreamAfterChunks: 1 }],
    });
    await chatText({ url: fake.url });
    await chatText({ url: fake.url }).catch(() => 'cut');
    await fake.close();
    expect(lines).toEqual(['POST /v1/chat/completions 503', 'POST /v1/chat/completions 200 (cut)']);
  });
});
