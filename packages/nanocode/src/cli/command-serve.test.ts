import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn, copyExamples } from './cli-project.test-util.js';
import { runServeCommand } from './command-serve.js';
import { memoryIo } from './memory-io.test-util.js';

/** Waits until the banner (with the bound URL) is printed; bounded. */
async function bannerUrl(io: ReturnType<typeof memoryIo>): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const url = /^nanocode serving on (\S+)$/m.exec(io.out())?.[1];
    if (url !== undefined) return url;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`serve never printed its banner: ${io.err()}`);
}

describe('nanocode serve', () => {
  it('serves on a real loopback socket without keys, prints where everything is, and shuts down cleanly', async () => {
    // The project is the parent of the copied examples folder, so `examples/*/workflow.yaml` are its workflows.
    const dir = join(await copyExamples(), '..');
    await writeFile(join(dir, '.env'), 'NANOCODE_TEST_SECRET=from-dotenv\n');
    const io = memoryIo({ cwd: dir, env: {} });
    const controller = new AbortController();
    const exit = runServeCommand({
      port: 0,
      host: '127.0.0.1',
      storeUrl: 'memory:',
      keyDir: '.nanocode/keys',
      corsOrigins: [],
      io,
      signal: controller.signal,
      shutdownTimeoutMs: 10_000,
    });
    const url = await bannerUrl(io);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/openapi.json', '/docs', '/v1/chat/completions', '.nanocode/keys']) {
      expect(io.out()).toContain(path);
    }
    expect(io.out()).toContain('auth          none: no API keys in the store, so loopback only');
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const run = await fetch(`${url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-never-logged' },
      body: JSON.stringify({ workflow: 'constraint-playground' }),
    });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { certificate: unknown }).certificate).not.toBeNull();
    const logLine = io
      .out()
      .split('\n')
      .find((line) => line.includes('"route":"/api/runs"'));
    expect(JSON.parse(logLine ?? '{}')).toMatchObject({
      method: 'POST',
      status: 200,
      request_id: expect.any(String),
    });
    expect(io.out()).not.toContain('secret-never-logged');
    expect(io.out()).toMatch(/"run_id":"[^"]+","tenant":"default","workflow":"constraint-playground"/);
    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses a non-loopback host when the store has no API keys (exit 64)', async () => {
    const dir = await copyExamples();
    const r = await cliIn({ cwd: dir, args: ['serve', '--host', '0.0.0.0', '--store', 'memory:'] });
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/^NC_CLI_USAGE refusing to serve on 0\.0\.0\.0 without API keys/);
    expect(r.out).toBe('');
  });

  it('rejects a port that is not a port', async () => {
    const dir = await copyExamples();
    const r = await cliIn({ cwd: dir, args: ['serve', '--port', 'http', '--store', 'memory:'] });
    expect(r.code).toBe(64);
  });
});
