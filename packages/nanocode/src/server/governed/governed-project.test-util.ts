import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { pino } from 'pino';
import { createMemoryStore } from '../../store/index.js';
import { createServerContext } from '../create-server-context.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const EXAMPLES = fileURLToPath(new URL('../../../../../examples', import.meta.url));

// A workflow whose only answer fails a hard constraint, with nothing on the ladder but stop.
const ALWAYS_STOPS = `name: always-stops
version: 1
inputs:
  question: { type: string }
steps:
  answer:
    model: [scripted:only]
    prompt: { user: "{{ inputs.question }}" }
    constraints:
      - { id: polite, kind: contains, value: please }
    recovery:
      - stop: {}
scripted:
  only:
    answer:
      - text: "No."
`;

// The same refusal, with a declared degrade answer: released, outcome degraded.
const ALWAYS_DEGRADES = ALWAYS_STOPS.replace('always-stops', 'always-degrades').replace(
  '      - stop: {}',
  '      - degrade: { output: "Sorry, please ask a person." }',
);

// A function step whose function nobody registered: the run ends in an error outcome.
const BREAKS = `name: breaks
version: 1
inputs:
  question: { type: string }
steps:
  answer:
    function: not-registered
    args: { q: "{{ inputs.question }}" }
`;

// A pass-through step on the openai adapter (the fake provider streams it): deltas reach the caller live.
const LIVE_ANSWER = `name: live-answer
version: 1
inputs:
  question: { type: string }
  context: { type: string, default: "" }
steps:
  answer:
    model: [openai:gpt-test]
    release: pass_through
    prompt: { user: "{{ inputs.context }} {{ inputs.question }}" }
    constraints:
      - { id: short, kind: max_words, value: 60 }
    recovery:
      - stop: {}
`;

const FAKE_PROFILE = `kind: profile
name: fake
providers:
  openai: { base_url: "\${FAKE_URL}/v1", api_key: "\${FAKE_KEY}" }
`;

/**
 * A throwaway project: a copy of the repository's `examples/` (support-answer and friends), plus
 * `workflows/` (always-stops, always-degrades, breaks, live-answer) and a `fake` profile whose openai provider
 * is the fake provider at `${FAKE_URL}`.
 */
export async function createGovernedProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nanocode-governed-project-'));
  await cp(EXAMPLES, join(dir, 'examples'), { recursive: true });
  await mkdir(join(dir, 'workflows'));
  await mkdir(join(dir, 'profiles'));
  // Marks the project root, so profile and template search stops here.
  await writeFile(join(dir, 'package.json'), '{}\n');
  await writeFile(join(dir, 'workflows', 'always-stops.yaml'), ALWAYS_STOPS);
  await writeFile(join(dir, 'workflows', 'always-degrades.yaml'), ALWAYS_DEGRADES);
  await writeFile(join(dir, 'workflows', 'breaks.yaml'), BREAKS);
  await writeFile(join(dir, 'workflows', 'live-answer.yaml'), LIVE_ANSWER);
  await writeFile(join(dir, 'profiles', 'fake.yaml'), FAKE_PROFILE);
  return dir;
}

/** The server context `nanocode serve` builds, over a memory store and a fresh key directory. */
export async function createGovernedContext(options: {
  projectDir: string;
  env?: Record<string, string | undefined>;
}): Promise<ServerContext> {
  return createServerContext({
    store: createMemoryStore(),
    projectDir: options.projectDir,
    keyDir: await mkdtemp(join(tmpdir(), 'nanocode-governed-keys-')),
    env: options.env ?? {},
    logger: pino({ level: 'silent' }),
  });
}

/** Serves an app on a free loopback port with `@hono/node-server`, as `nanocode serve` does. */
export async function serveApp(options: {
  app: OpenAPIHono<ServerEnv>;
}): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: options.app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets of the client would hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}
