import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../testing/fake-provider/start-fake-provider.js';
import { cliIn } from './cli-project.test-util.js';
import { type AdapterCheck, runAdaptersCheckCommand } from './command-adapters-check.js';
import { memoryIo } from './memory-io.test-util.js';

const OPENAI_KEY = 'sk-test-openai-value-1234';
const ANTHROPIC_KEY = 'sk-ant-test-value-5678';
const ENV = { TEST_OPENAI_KEY: OPENAI_KEY, TEST_ANTHROPIC_KEY: ANTHROPIC_KEY };

let fake: FakeProvider;
let dir: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  dir = await mkdtemp(join(tmpdir(), 'nanocode-adapters-'));
  await mkdir(join(dir, 'profiles'));
  await writeFile(
    join(dir, 'profiles', 'test.yaml'),
    [
      'kind: profile',
      'name: test',
      'providers:',
      `  openai: { base_url: '${fake.url}/v1', api_key: '\${TEST_OPENAI_KEY}' }`,
      `  anthropic: { base_url: '${fake.url}', api_key: '\${TEST_ANTHROPIC_KEY}' }`,
      'models:',
      "  fast: { ref: 'openai:gpt-fast' }",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'workflow.yaml'),
    [
      'name: check-me',
      'version: 1',
      'steps:',
      '  answer:',
      '    model: [openai:gpt-test, fast, anthropic:claude-test, scripted:demo]',
      "    prompt: { user: 'Hi' }",
      'scripted:',
      "  demo: { answer: [{ text: 'x' }] }",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'unknown.yaml'),
    [
      'name: unknown',
      'version: 1',
      'steps:',
      '  a:',
      '    model: [mistral:small]',
      "    prompt: { user: 'Hi' }",
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

async function check(options: { env?: Record<string, string>; offline?: boolean; file?: string }) {
  const io = memoryIo({ cwd: dir, env: options.env ?? ENV });
  const code = await runAdaptersCheckCommand({
    workflowFile: join(dir, options.file ?? 'workflow.yaml'),
    profile: 'test',
    offline: options.offline ?? false,
    json: true,
    io,
  });
  const document = JSON.parse(io.out()) as { ok: boolean; offline: boolean; adapters: AdapterCheck[] };
  return { code, document, io };
}

describe('nanocode adapters check', () => {
  it('makes one tiny call through each adapter the workflow uses and exits 0 when all answer', async () => {
    const { code, document, io } = await check({});
    expect(code).toBe(0);
    expect(document.ok).toBe(true);
    expect(document.adapters.map((a) => [a.ref, a.target, a.ok])).toEqual([
      ['openai:gpt-test', 'openai:gpt-test', true],
      ['fast', 'openai:gpt-fast', true],
      ['anthropic:claude-test', 'anthropic:claude-test', true],
      ['scripted:demo', 'scripted:demo', true],
    ]);
    expect(document.adapters[0]?.latency_ms).toBeTypeOf('number');
    expect(document.adapters[3]).toMatchObject({ simulated: true });
    // Three real calls (scripted calls no model), each a one-word prompt capped at one token.
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/messages',
    ]);
    for (const request of fake.requests) {
      expect(request.authorized).toBe(true);
      expect(request.body).toMatchObject({ max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] });
    }
    expect(io.out()).not.toContain(OPENAI_KEY);
  });

  it('prints each failure with its error code and status, and exits 1', async () => {
    fake.enqueue({ status: 401, message: `bad key ${OPENAI_KEY}` }, { reply: 'ok' }, { status: 529 });
    const io = memoryIo({ cwd: dir, env: ENV });
    const code = await runAdaptersCheckCommand({
      workflowFile: join(dir, 'workflow.yaml'),
      profile: 'test',
      offline: false,
      json: false,
      io,
    });
    expect(code).toBe(1);
    const lines = io.out().trim().split('\n');
    expect(lines[0]).toMatch(/^✗ openai:gpt-test {2}auth HTTP 401 after \d+ ms: /);
    expect(lines[1]).toMatch(/^✓ fast \(openai:gpt-fast\) {2}\d+ ms$/);
    expect(lines[2]).toMatch(/^✗ anthropic:claude-test {2}unavailable HTTP 529/);
    expect(lines[3]).toBe('✓ scripted:demo  simulated (no model to call)');
    expect(io.err()).toBe('✗ 2/4 adapters ok\n');
    expect(`${io.out()}${io.err()}`).not.toContain(OPENAI_KEY);
  });

  it('--offline calls nothing and names missing environment variables, never their values', async () => {
    const missing = await check({ env: { TEST_OPENAI_KEY: OPENAI_KEY }, offline: true });
    expect(missing.code).toBe(1);
    expect(missing.document.offline).toBe(true);
    expect(missing.document.adapters.find((a) => a.ref === 'anthropic:claude-test')).toMatchObject({
      ok: false,
      missing_env: ['TEST_ANTHROPIC_KEY'],
    });
    expect(missing.document.adapters.filter((a) => a.ok).map((a) => a.ref)).toEqual([
      'openai:gpt-test',
      'fast',
      'scripted:demo',
    ]);
    const fine = await check({ offline: true });
    expect(fine.code).toBe(0);
    expect(fine.document.adapters.every((a) => a.latency_ms === undefined)).toBe(true);
    expect(fake.requests).toHaveLength(0);
    expect(fine.io.out()).not.toContain(OPENAI_KEY);
    expect(fine.io.out()).not.toContain(ANTHROPIC_KEY);
  });

  it('reports a reference no configured provider serves as unresolved', async () => {
    const { code, document } = await check({ file: 'unknown.yaml', offline: true });
    expect(code).toBe(1);
    expect(document.adapters).toEqual([
      {
        ref: 'mistral:small',
        target: 'mistral:small',
        ok: false,
        missing_env: [],
        error: { code: 'unresolved', message: 'no adapter is available for `mistral:small`' },
      },
    ]);
  });

  it('is registered as `nanocode adapters check`, with human output', async () => {
    const missing = await cliIn({
      cwd: dir,
      args: ['adapters', 'check', 'workflow.yaml', '--profile', 'test', '--offline'],
      env: { TEST_OPENAI_KEY: OPENAI_KEY },
    });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('✗ anthropic:claude-test  missing environment variable TEST_ANTHROPIC_KEY');
    expect(missing.out).toContain('✓ fast (openai:gpt-fast)  resolves, secrets set');
    const ok = await cliIn({
      cwd: dir,
      args: ['adapters', 'check', 'workflow.yaml', '--profile', 'test', '--offline'],
      env: ENV,
    });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('✓ 4/4 adapters ok');
    const bad = await cliIn({ cwd: dir, args: ['adapters', 'check', 'nope.yaml', '--offline'] });
    expect(bad.code).not.toBe(0);
    expect(bad.err).not.toBe('');
  });
});
