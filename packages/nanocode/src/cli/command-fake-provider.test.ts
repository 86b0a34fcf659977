import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { runFakeProviderCommand } from './command-fake-provider.js';
import { runCli } from './main.js';
import { memoryIo } from './memory-io.test-util.js';

/** Waits until recorded output matches (polling between event-loop turns, no sleeps). */
async function waitFor(options: { read: () => string; pattern: RegExp }): Promise<string> {
  for (;;) {
    const match = options.pattern.exec(options.read());
    if (match !== null) return match[1] ?? match[0];
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function listeningUrl(options: { out: () => string }): Promise<string> {
  return waitFor({ read: options.out, pattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/ });
}

describe('nanocode fake-provider', () => {
  it('says what it is, serves an OpenAI-compatible API to the official client, and stops on abort', async () => {
    const io = memoryIo({ cwd: process.cwd() });
    const controller = new AbortController();
    const exit = runCli({
      argv: ['fake-provider', '--port', '0', '--reply', 'Hello from the demo.', '--log'],
      io,
      signal: controller.signal,
    });
    const url = await listeningUrl({ out: io.out });
    expect(io.out()).toBe(`fake provider (for tests and demos; no model) listening on ${url}\n`);
    const client = new OpenAI({ apiKey: 'sk-demo', baseURL: `${url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from the demo.');
    expect(await waitFor({ read: io.err, pattern: /^.*\n/ })).toBe('POST /v1/chat/completions 200\n');
    controller.abort();
    expect(await exit).toBe(0);
    await expect(client.chat.completions.create({ model: 'demo', messages: [] })).rejects.toThrow(
      OpenAI.APIConnectionError,
    );
  });

  it('rejects a port that is not a number as a usage error', async () => {
    const io = memoryIo({ cwd: process.cwd() });
    const code = await runFakeProviderCommand({
      port: 'eighty',
      log: false,
      io,
      signal: AbortSignal.abort(),
    });
    expect(code).toBe(64);
    expect(io.err()).toMatch(/^NC_CLI_USAGE --port must be a port number/);
  });

  it('exits 1 with a plain message when the port is taken', async () => {
    const first = memoryIo({ cwd: process.cwd() });
    const controller = new AbortController();
    const running = runFakeProviderCommand({ port: '0', log: false, io: first, signal: controller.signal });
    const port = new URL(await listeningUrl({ out: first.out })).port;
    const second = memoryIo({ cwd: process.cwd() });
    expect(await runFakeProviderCommand({ port, log: false, io: second, signal: controller.signal })).toBe(1);
    expect(second.err()).toBe(`fake provider: cannot listen on 127.0.0.1:${port} (EADDRINUSE)\n`);
    controller.abort();
    expect(await running).toBe(0);
  });
});
