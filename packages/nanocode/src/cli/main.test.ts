import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const mainPath = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
// Resolved here, not by the child: the child runs in temporary directories where `tsx` is not findable.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source in a child process, as a user would, without a build. */
function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Spawned {
  const result = spawnSync(process.execPath, ['--import', tsx, mainPath, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', NANOCODE_DEBUG: '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FIRST_USE_KEYS =
  /^created signing key [0-9a-f]{64} in \.nanocode\/keys \(first use\)\ncreated log key [0-9a-f]{64} in \.nanocode\/keys \(first use\)\n$/;
const STACK = /\n\s+at .+:\d+:\d+/;

describe('nanocode (end to end)', () => {
  it('--help lists every command and exits 0', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const command of ['init', 'validate', 'config', 'run', 'replay', 'cert', 'keys', 'log'])
      expect(r.stdout).toContain(command);
  });

  it('run --help documents the flags', () => {
    const r = cli(['run', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--input <key=value>', '--input-file <file>', '--profile <name>', '--json']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('an unknown flag exits 64 with a short usage and no stack trace', () => {
    const r = cli(['run', 'x.yaml', '--bogus']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("NC_CLI_USAGE unknown option '--bogus'");
    expect(r.stderr).toContain('Usage: nanocode run');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe('');
  });

  it('an unknown command or a missing argument exits 64', () => {
    expect(cli(['frobnicate']).status).toBe(64);
    expect(cli(['run']).status).toBe(64);
    expect(cli([]).status).toBe(64);
  });

  it('validate prints the location of a problem and exits 65', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    await writeFile(
      join(dir, 'bad.yaml'),
      'name: bad\nversion: 1\nsteps:\n  a:\n    model: [scripted:x]\n    severty: hard\n',
    );
    const r = cli(['validate', 'bad.yaml'], { cwd: dir });
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/^bad\.yaml:6:5 NC_CFG_\w+ .*severty/m);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a bad --input exits 65 with NC_CLI_INPUT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    expect(cli(['init'], { cwd: dir }).status).toBe(0);
    const r = cli(['run', 'workflows/hello.yaml', '--profile', 'dev', '--input', 'name'], { cwd: dir });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('NC_CLI_INPUT');
  });

  it('init scaffolds a project that validates, shows and runs certified', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    const init = cli(['init', 'proj'], { cwd: dir });
    expect(init.status).toBe(0);
    const cwd = join(dir, 'proj');
    expect(await readFile(join(cwd, '.env.example'), 'utf8')).toContain('OPENAI_API_KEY=');

    const again = cli(['init', 'proj'], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('NC_CLI_FILE_EXISTS');
    expect(cli(['init', 'proj', '--force'], { cwd: dir }).status).toBe(0);

    const files = ['workflows/hello.yaml', 'profiles/dev.yaml', 'profiles/prod.yaml'];
    const valid = cli(['validate', ...files], { cwd });
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);

    const shown = cli(['config', 'show', 'workflows/hello.yaml', '--profile', 'prod', '--resolved'], { cwd });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('name: hello');
    expect(shown.stdout).toContain('on_error: fail_closed');

    const run = cli(['run', 'workflows/hello.yaml', '--profile', 'dev', '--input', 'name=Ada'], { cwd });
    // The first run of a project makes its keys, and says so once.
    expect(run.stderr).toMatch(FIRST_USE_KEYS);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('▸ step greet (model: scripted:demo)');
    expect(run.stdout).toContain('  ✗ shape (json_schema, hard)');
    expect(run.stdout).toContain('  ↻ retry');
    expect(run.stdout).toContain('  ✓ released greet');
    expect(run.stdout).toMatch(/outcome: certified · 2 attempts · \d+ tokens · \$0\.0000 · run \S+/);
    expect(run.stdout).toContain('"greeting": "Hello, and welcome to Nanocode!"');
    expect(run.stdout).toMatch(/^certificate: (\S+) \(verify: nanocode cert verify \1\)$/m);
  });

  it('run --json prints one parseable document and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    expect(cli(['init'], { cwd: dir }).status).toBe(0);
    const r = cli(['run', 'workflows/hello.yaml', '--profile', 'dev', '--input', 'name=Ada', '--json'], {
      cwd: dir,
    });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      run_id: string;
      outcome: string;
      output: unknown;
      events: { type: string }[];
    };
    expect(doc.outcome).toBe('certified');
    expect(doc.output).toEqual({ greeting: 'Hello, and welcome to Nanocode!' });
    expect(doc.events[0]?.type).toBe('run.started');
    expect(doc.events.at(-1)?.type).toBe('run.completed');
    expect(typeof doc.run_id).toBe('string');
  });

  it('run --json on a broken workflow still prints a parseable error document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    await writeFile(join(dir, 'bad.yaml'), 'name: [\n');
    const r = cli(['run', 'bad.yaml', '--json'], { cwd: dir });
    expect(r.status).toBe(65);
    const doc = JSON.parse(r.stdout) as { outcome: string; error: { code: string } };
    expect(doc.outcome).toBe('error');
    expect(doc.error.code).toMatch(/^NC_CFG_/);
  });

  it('exit codes tell a degraded run (2) from a stopped one (3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nanocode-cli-'));
    const workflow = (ladder: string) =>
      [
        'name: flaky',
        'version: 1',
        'inputs: { topic: { type: string } }',
        'steps:',
        '  answer:',
        '    model: [scripted:demo]',
        '    prompt: { user: "Say yes about {{ inputs.topic }}" }',
        '    constraints: [{ id: says-yes, kind: contains, value: "yes" }]',
        `    recovery: ${ladder}`,
        'scripted:',
        '  demo:',
        '    answer: [{ text: "no" }, { text: "still no" }]',
        '',
      ].join('\n');
    await writeFile(
      join(dir, 'degrade.yaml'),
      workflow('[{ retry: { max: 1 } }, { degrade: { output: "yes, maybe" } }]'),
    );
    await writeFile(join(dir, 'stop.yaml'), workflow('[{ retry: { max: 1 } }, { stop: {} }]'));
    await writeFile(join(dir, 'inputs.json'), '{ "topic": "tests" }');

    const degraded = cli(['run', 'degrade.yaml', '--input-file', 'inputs.json'], { cwd: dir });
    expect(degraded.stderr).toMatch(FIRST_USE_KEYS);
    expect(degraded.status).toBe(2);
    expect(degraded.stdout).toContain('  ✗ says-yes (contains, hard): ');
    expect(degraded.stdout).toContain('  ↓ degrade');
    expect(degraded.stdout).toMatch(/^outcome: degraded · 2 attempts/m);
    expect(degraded.stdout.trimEnd().endsWith('yes, maybe')).toBe(true);

    const stopped = cli(['run', 'stop.yaml', '--input', 'topic=tests', '--json'], { cwd: dir });
    expect(stopped.status).toBe(3);
    const doc = JSON.parse(stopped.stdout) as { run_id: string; outcome: string; output: unknown };
    expect(doc).toMatchObject({ outcome: 'stopped', output: null, certificate: { log_index: 1 } });

    // Degraded and stopped runs are certified too, and their certificates verify.
    const degradedId = /^certificate: (\S+) /m.exec(degraded.stdout)?.[1] ?? 'missing';
    for (const runId of [degradedId, doc.run_id]) {
      const verified = cli(['cert', 'verify', runId], { cwd: dir });
      expect(verified.stdout).toMatch(/\nvalid: signed by /);
      expect(verified.status).toBe(0);
    }
  });
});
