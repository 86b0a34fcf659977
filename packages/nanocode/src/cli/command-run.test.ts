import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInitCommand } from './command-init.js';
import { runRunCommand } from './command-run.js';
import { memoryIo } from './memory-io.test-util.js';

/** These tests are about the timeline and exit codes; storing and certifying is tested on its own. */
const noStore = { certify: false, keyDir: '.nanocode/keys' } as const;
let project: string;
const hello = () => join(project, 'workflows/hello.yaml');

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'nanocode-cmd-'));
  expect(await runInitCommand({ dir: '.', force: false, io: memoryIo({ cwd: project }) })).toBe(0);
});

describe('runRunCommand', () => {
  it('prints the timeline, then the result, uncoloured without a TTY', async () => {
    const io = memoryIo({ cwd: project });
    const code = await runRunCommand({
      ...noStore,
      workflowFile: hello(),
      profile: 'dev',
      inputs: ['name=Ada'],
      json: false,
      io,
    });
    expect(code).toBe(0);
    expect(io.out()).toContain('▸ step greet (model: scripted:demo)\n');
    expect(io.out()).not.toContain('\u001b[');
    expect(io.out()).toMatch(
      /outcome: certified .*\n\n\{\n {2}"greeting": "Hello, and welcome to Nanocode!"\n\}\n$/,
    );
  });

  it('colours the timeline on a TTY unless NO_COLOR is set', async () => {
    const tty = memoryIo({ cwd: project, tty: true });
    await runRunCommand({ ...noStore, workflowFile: hello(), inputs: ['name=Ada'], json: false, io: tty });
    expect(tty.out()).toContain('\u001b[');
    const noColor = memoryIo({ cwd: project, tty: true, env: { NO_COLOR: '1' } });
    await runRunCommand({
      ...noStore,
      workflowFile: hello(),
      inputs: ['name=Ada'],
      json: false,
      io: noColor,
    });
    expect(noColor.out()).not.toContain('\u001b[');
  });

  it('exits 130 when the run is cancelled, and releases nothing', async () => {
    const io = memoryIo({ cwd: project });
    const code = await runRunCommand({
      ...noStore,
      workflowFile: hello(),
      inputs: ['name=Ada'],
      json: true,
      io,
      signal: AbortSignal.abort(new Error('cancelled')),
    });
    expect(code).toBe(130);
    expect(JSON.parse(io.out())).toMatchObject({
      outcome: 'stopped',
      output: null,
      error: { code: 'NC_RUN_ABORTED' },
    });
  });

  it('refuses inputs that fail the input schema with 65, as a certified refusal', async () => {
    const io = memoryIo({ cwd: project });
    const code = await runRunCommand({
      ...noStore,
      workflowFile: hello(),
      inputs: ['name=42'],
      json: true,
      io,
    });
    expect(code).toBe(65);
    const doc = JSON.parse(io.out()) as {
      outcome: string;
      error: { code: string };
      events: { type: string }[];
    };
    expect(doc.error.code).toBe('NC_RUN_INPUT_INVALID');
    expect(doc.events.map((e) => e.type)).toContain('run.completed');
  });

  it('reports every configuration problem with its location, exit 65', async () => {
    const file = join(project, 'broken.yaml');
    await writeFile(file, 'name: broken\nversion: 1\nbudget: { attempts: -1 }\nsteps: {}\nextra: 1\n');
    const io = memoryIo({ cwd: project });
    expect(await runRunCommand({ ...noStore, workflowFile: file, inputs: [], json: false, io })).toBe(65);
    const lines = io.err().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^broken\.yaml:\d+:\d+ NC_CFG_\w+ /);
    expect(io.out()).toBe('');
  });
});
