import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  createApp,
  createRunRegistry,
  createServerContext,
  hashApiKey,
  startServer,
} from '../src/server/index.js';
import type { RunStore } from '../src/spec/store.js';
import { createMemoryStore, openStore } from '../src/store/index.js';
import { startFakeProvider } from '../src/testing/fake-provider/start-fake-provider.js';
import { createGovernedBenchProject, GOVERNED_BENCH_WORKFLOW } from './governed-bench-project.js';
import { type LoadFigures, loadTest } from './load-test.js';
import { printLoadTable } from './print-load-table.js';

const REPLY = 'Refunds are processed within 5 business days of approval.';
const MESSAGES = [
  { role: 'system', content: 'Refunds are processed within 5 business days of approval.' },
  { role: 'user', content: 'How long do refunds take?' },
];
const API_KEY = 'nck_runner_governed_bench_key';
const PROVIDER_KEY = 'sk-governed-bench';
/** Fixed load: connections, seconds per measurement, autocannon worker threads. */
const LOAD = { connections: 10, durationS: 8, workers: 1 };

/**
 * The governed endpoint's added latency: autocannon at fixed concurrency against the loopback fake
 * provider's `/v1/chat/completions` directly (A), then against the governed `/v1/chat/completions` of
 * an in-process server whose one-step workflow calls that fake (B: the run, its two constraints, its
 * stored events and signed certificate), once with a memory store and once with SQLite. Every figure
 * is measured in this run; the direct call is the baseline.
 */
export async function benchGoverned(): Promise<void> {
  const fake = await startFakeProvider({ defaultReply: REPLY });
  const projectDir = await createGovernedBenchProject({ providerUrl: fake.url });
  const scratch = await mkdtemp(join(tmpdir(), 'nanocode-governed-bench-state-'));
  try {
    const direct = await loadTest({
      name: 'A  fake provider directly',
      url: `${fake.url}/v1/chat/completions`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PROVIDER_KEY}` },
      body: JSON.stringify({ model: 'bench-model', messages: MESSAGES }),
      ...LOAD,
    });
    const memory = await measureGoverned({
      name: 'B  governed endpoint, memory store',
      projectDir,
      keyDir: join(scratch, 'keys-memory'),
      store: createMemoryStore(),
    });
    const sqlite = await measureGoverned({
      name: 'B  governed endpoint, SQLite store',
      projectDir,
      keyDir: join(scratch, 'keys-sqlite'),
      store: await openStore({ url: `sqlite:${join(scratch, 'nanocode.db')}`, cwd: scratch }),
    });
    printLoadTable({
      title: `Governed /v1/chat/completions vs the fake provider directly (autocannon, ${LOAD.connections} connections, ${LOAD.durationS} s each, load from ${LOAD.workers} worker thread; servers share this process)`,
      rows: [direct, memory, sqlite],
      baseline: direct,
    });
  } finally {
    await fake.close();
    await rm(projectDir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Serves the project over `store`, checks one answer, then loads the governed endpoint. */
async function measureGoverned(options: {
  name: string;
  projectDir: string;
  keyDir: string;
  store: RunStore;
}): Promise<LoadFigures> {
  const { store } = options;
  const context = createServerContext({
    store,
    projectDir: options.projectDir,
    keyDir: options.keyDir,
    env: { OPENAI_API_KEY: PROVIDER_KEY },
    logger: pino({ level: 'silent' }),
  });
  await store.putApiKey({
    key: {
      id: 'k-bench',
      tenant: 'bench',
      role: 'runner',
      hash: hashApiKey({ key: API_KEY }),
      prefix: API_KEY.slice(0, 8),
      created_at: new Date(0).toISOString(),
    },
  });
  const runs = createRunRegistry();
  // The default token bucket would throttle a load test into 429s: this one never empties.
  const rateLimit = { burst: 1e9, perSecond: 1e9, maxKeys: 10, now: () => Date.now() };
  const app = createApp({ context, auth: { keys: 'required' }, rateLimit, runs });
  const server = await startServer({ app, host: '127.0.0.1', port: 0, runs });
  try {
    const url = `${server.url}/v1/chat/completions`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
    const body = JSON.stringify({ model: GOVERNED_BENCH_WORKFLOW, messages: MESSAGES });
    await checkAnswer({ url, headers, body });
    return await loadTest({ name: options.name, url, headers, body, ...LOAD });
  } finally {
    await server.close({ timeoutMs: 5_000 });
    await store.close();
  }
}

/** One request before measuring: a figure for a failing endpoint would mean nothing. */
async function checkAnswer(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
}): Promise<void> {
  const response = await fetch(options.url, { method: 'POST', headers: options.headers, body: options.body });
  const json = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
  const content = json.choices?.[0]?.message?.content;
  const runId = response.headers.get('x-nanocode-run-id');
  if (response.status !== 200 || content !== REPLY || runId === null) {
    throw new Error(
      `governed endpoint check failed: status ${response.status}, run id ${runId}, body ${JSON.stringify(json)}`,
    );
  }
}
