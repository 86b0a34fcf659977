import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { ApiRole, RunStore } from '../spec/store.js';
import { createMemoryStore } from '../store/index.js';
import { type CreateAppOptions, createApp } from './create-app.js';
import { createServerContext } from './create-server-context.js';
import { hashApiKey } from './middleware/authenticate.js';
import { createRunRegistry, type RunRegistry } from './run-registry.js';
import type { ServerContext } from './server-context.js';

/** The repository root: its `examples/*\/workflow.yaml` are the test project's workflows. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A test app over a memory store, with one key per (tenant, role) below. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: RunStore;
  runs: RunRegistry;
  context: ServerContext;
  keyDir: string;
  /** API key texts by name. */
  keys: Record<KeyName, string>;
  /** `app.request` with a bearer key and an optional JSON body. */
  call(options: {
    path: string;
    method?: string;
    key?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
  }): Promise<Response>;
}

/** The test keys: three roles of tenant A, a runner of tenant B, and a revoked admin of tenant A. */
export type KeyName = 'runnerA' | 'auditorA' | 'adminA' | 'runnerB' | 'revokedA';

const KEYS: Array<{ name: KeyName; tenant: string; role: ApiRole; revoked?: boolean }> = [
  { name: 'runnerA', tenant: 'tenant-a', role: 'runner' },
  { name: 'auditorA', tenant: 'tenant-a', role: 'auditor' },
  { name: 'adminA', tenant: 'tenant-a', role: 'admin' },
  { name: 'runnerB', tenant: 'tenant-b', role: 'runner' },
  { name: 'revokedA', tenant: 'tenant-a', role: 'admin', revoked: true },
];

/**
 * Builds the app the way `nanocode serve` does, over a memory store and a fresh key directory, with API
 * keys stored directly. `wrap` can wrap the context (e.g. to hold runs at a gate).
 */
export async function createTestApp(
  options: {
    wrap?: (context: ServerContext) => ServerContext;
    app?: Partial<Omit<CreateAppOptions, 'context'>>;
  } = {},
): Promise<TestApp> {
  const store = createMemoryStore();
  const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-server-'));
  const base = createServerContext({
    store,
    projectDir: REPO_ROOT,
    keyDir,
    env: {},
    logger: pino({ level: 'silent' }),
  });
  const context = options.wrap ? options.wrap(base) : base;
  const keys = {} as Record<KeyName, string>;
  for (const [i, key] of KEYS.entries()) {
    const text = `nck_test_${key.name}_${i}`;
    keys[key.name] = text;
    await store.putApiKey({
      key: {
        id: `key-${key.name}`,
        tenant: key.tenant,
        role: key.role,
        hash: hashApiKey({ key: text }),
        prefix: text.slice(0, 8),
        created_at: '2026-01-01T00:00:00.000Z',
        ...(key.revoked ? { revoked_at: '2026-01-02T00:00:00.000Z' } : {}),
      },
    });
  }
  const runs = createRunRegistry();
  const app = createApp({ context, auth: { keys: 'required' }, runs, ...options.app });
  return {
    app,
    store,
    runs,
    context,
    keyDir,
    keys,
    call: async ({ path, method, key, json, body, headers }) =>
      app.request(path, {
        method: method ?? (json === undefined && body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        ...(body === undefined ? {} : { body }),
      }),
  };
}

/** A gate that holds runs until opened: deterministic cancel and live-stream tests. */
export function createGate(): { wrap: (context: ServerContext) => ServerContext; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    open,
    wrap: (context) => ({
      ...context,
      executeRun: async (run) => {
        await opened;
        return context.executeRun(run);
      },
    }),
  };
}
