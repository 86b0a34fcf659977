/**
 * Regenerates the recorded fixtures in `src/fixtures/` from real runs. It copies `examples/` into a
 * temporary project, starts the CLI from source there (`nanocode serve --port 0`, loopback, no API keys), runs
 * the examples through the public HTTP API and saves what the server answered: run documents, the raw
 * SSE stream of a live run, certificate bundles and the server's verification replies.
 *
 *   npx tsx packages/playground/scripts/record-fixtures.ts
 *   npx biome check --write packages/playground/src/fixtures
 *
 * The scripted adapters make every run deterministic except for its ids, timestamps and signatures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const out = join(here, '..', 'src', 'fixtures');
const STARTUP_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** A workflow file with an unknown constraint kind on line 9 and a budget that is not a number on line 10. */
const BROKEN_WORKFLOW = [
  'name: broken',
  'version: 1',
  'steps:',
  '  answer:',
  '    model: [scripted:primary]',
  '    prompt: { user: "Hi" }',
  '    constraints:',
  '      - { id: shape, kind: json_schema, schema: { type: object } }',
  '      - { id: odd, kind: no_such_kind }',
  'budget: { attempts: many }',
  '',
].join('\n');

async function main(): Promise<void> {
  const project = await mkdtemp(join(tmpdir(), 'nanocode-fixtures-'));
  let server: ChildProcess | undefined;
  try {
    await cp(join(repo, 'examples'), join(project, 'examples'), { recursive: true });
    const started = await startServer({ cwd: project });
    server = started.child;
    const api = createApi(started.url);
    await mkdir(out, { recursive: true });
    const save = (name: string, value: unknown) =>
      writeFile(join(out, name), `${JSON.stringify(value, null, 2)}\n`);
    const inputsOf = async (example: string) =>
      JSON.parse(await readFile(join(project, 'examples', example, 'inputs.json'), 'utf8')) as unknown;

    await save('workflows.json', await api.json('/api/workflows'));
    await save('profiles.json', await api.json('/api/profiles'));
    await save('workflow-support-answer.json', await api.json('/api/workflows/support-answer?profile=dev'));
    await save('validate-errors.json', await api.validate(BROKEN_WORKFLOW));

    // The ladder demo, watched live: started async, its SSE stream read while it runs.
    const accepted = (await api.json('/api/runs', {
      workflow: 'support-answer',
      profile: 'dev',
      mode: 'async',
      inputs: await inputsOf('support-answer'),
    })) as { run_id: string; events: string };
    const sse = await api.text(accepted.events, { accept: 'text/event-stream' });
    await writeFile(join(out, 'support-answer.sse.txt'), sse);
    await recordRun({ api, save, name: 'support-answer', runId: accepted.run_id, tamper: true });

    const runs: Array<{ name: string; workflow: string; profile: string; inputs: unknown; bundle: boolean }> =
      [
        {
          name: 'idea-to-risks',
          workflow: 'idea-to-risks',
          profile: 'dev',
          inputs: await inputsOf('idea-to-risks'),
          bundle: false,
        },
        {
          name: 'audience-switcher',
          workflow: 'audience-switcher',
          profile: 'dev',
          inputs: await inputsOf('audience-switcher'),
          bundle: false,
        },
        // A soft constraint fails: violated, so certified with exceptions.
        {
          name: 'playground-dev',
          workflow: 'constraint-playground',
          profile: 'dev',
          inputs: {},
          bundle: true,
        },
        // The prod profile waives that constraint (reason and approver in the certificate).
        {
          name: 'playground-prod',
          workflow: 'constraint-playground',
          profile: 'prod',
          inputs: {},
          bundle: true,
        },
        // An input constraint refuses the run before any step: stopped.
        {
          name: 'playground-refused',
          workflow: 'constraint-playground',
          profile: 'dev',
          inputs: { product: 'A product name far too long for the sixty characters the input check allows' },
          bundle: true,
        },
      ];
    for (const run of runs) {
      const result = (await api.json('/api/runs', {
        workflow: run.workflow,
        profile: run.profile,
        inputs: run.inputs,
      })) as { run_id: string };
      await recordRun({ api, save, name: run.name, runId: result.run_id, tamper: false, bundle: run.bundle });
    }
    process.stdout.write(`fixtures written to ${out}\n`);
  } finally {
    if (server?.pid !== undefined) server.kill('SIGTERM');
    await rm(project, { recursive: true, force: true });
  }
}

async function recordRun(options: {
  api: Api;
  save: (name: string, value: unknown) => Promise<void>;
  name: string;
  runId: string;
  tamper: boolean;
  bundle?: boolean;
}): Promise<void> {
  const { api, save, name, runId } = options;
  await save(`${name}.run.json`, await api.json(`/api/runs/${runId}`));
  if (options.bundle === false) return;
  const bundle = (await api.json(`/api/runs/${runId}/certificate`)) as { events: Array<{ data: unknown }> };
  await save(`${name}.bundle.json`, bundle);
  await save(`${name}.verify.json`, await api.json('/api/certificates/verify', bundle));
  if (!options.tamper) return;
  // The same bundle with one event's data changed after signing: what the server says about a forgery.
  const events = bundle.events.map((event, index) =>
    index === 5 ? { ...event, data: { ...(event.data as object), forged: true } } : event,
  );
  await save(`${name}.verify-failed.json`, await api.json('/api/certificates/verify', { ...bundle, events }));
}

interface Api {
  json(path: string, body?: unknown): Promise<unknown>;
  text(path: string, headers: Record<string, string>): Promise<string>;
  validate(yaml: string): Promise<unknown>;
}

function createApi(base: string): Api {
  const request = async (path: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok && response.status !== 202) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    }
    return response;
  };
  return {
    async json(path, body) {
      const init: RequestInit =
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      return (await request(path, init)).json();
    },
    async text(path, headers) {
      return (await request(path, { headers })).text();
    },
    async validate(yaml) {
      const init = { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml };
      return (await request('/api/workflows/validate', init)).json();
    },
  };
}

/** Starts `nanocode serve --port 0` in `cwd` and resolves with the URL it prints. */
function startServer(options: { cwd: string }): Promise<{ child: ChildProcess; url: string }> {
  // The CLI from source, as the browser tests run it: no build needed, and never a stale dist/.
  const entry = join(repo, 'packages', 'nanocode', 'scripts', 'nanocode-dev.ts');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, entry, 'serve', '--port', '0'], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`nanocode serve did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nanocode serve exited with ${code}:\n${output}`));
    });
  });
}

await main();
