import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

let project: string;

beforeAll(async () => {
  project = await copyExamples();
});

describe('nanocode run: store and certify', () => {
  it('creates both keys on first use (one stderr line each), then certifies without creating more', async () => {
    const first = await cliIn({ cwd: project, args: ['run', 'constraint-playground/workflow.yaml'] });
    expect(first.err).toMatch(
      /^created signing key [0-9a-f]{64} in \.nanocode\/keys \(first use\)\ncreated log key [0-9a-f]{64} in \.nanocode\/keys \(first use\)\n$/,
    );
    const runId = /^outcome: .* · run (\S+)$/m.exec(first.out)?.[1];
    expect(first.out).toContain(`\ncertificate: ${runId} (verify: nanocode cert verify ${runId})\n\n`);
    const second = await runExample({ cwd: project, example: EXAMPLES[3] });
    expect(second.call.err).toBe('');
    expect(second.document.certificate).toEqual({
      keyid: expect.stringMatching(/^[0-9a-f]{64}$/),
      log_index: 1,
    });
    const trust = JSON.parse(await readFile(join(project, '.nanocode/keys/trust.json'), 'utf8')) as {
      keys: { purpose: string }[];
    };
    expect(trust.keys.map((k) => k.purpose).sort()).toEqual(['certificate', 'log']);
    expect((await stat(join(project, '.nanocode/nanocode.db'))).isFile()).toBe(true);
  });

  it('certifies a run that errored on invalid inputs, and keeps its exit code 65', async () => {
    const r = await cliIn({
      cwd: project,
      args: ['run', 'support-answer/workflow.yaml', '--input', 'question=hi', '--json'],
    });
    expect(r.code).toBe(65);
    const doc = JSON.parse(r.out) as { run_id: string; outcome: string; certificate: { log_index: number } };
    expect(doc.outcome).toBe('error');
    expect(typeof doc.certificate.log_index).toBe('number');
    const verify = await cliIn({ cwd: project, args: ['cert', 'verify', doc.run_id] });
    expect(verify.out).toMatch(/\nvalid: /);
    expect(verify.code).toBe(0);
    const show = await cliIn({ cwd: project, args: ['cert', 'show', doc.run_id] });
    expect(show.out).toContain('outcome: error (NC_RUN_INPUT_INVALID');
  });

  it('--no-store writes nothing and prints no certificate; --store memory: keeps nothing on disk', async () => {
    const dir = await copyExamples();
    const r = await cliIn({
      cwd: dir,
      args: ['run', 'constraint-playground/workflow.yaml', '--no-store', '--json'],
    });
    expect(JSON.parse(r.out)).toMatchObject({ certificate: null });
    await expect(stat(join(dir, '.nanocode'))).rejects.toThrow();
    const memory = await cliIn({
      cwd: dir,
      args: ['run', 'constraint-playground/workflow.yaml', '--store', 'memory:'],
    });
    expect(memory.out).toMatch(/\ncertificate: \S+ \(verify: /);
    await expect(stat(join(dir, '.nanocode/nanocode.db'))).rejects.toThrow();
  });

  it('cert verify and cert show report a run id that is not stored as NC_CLI_NOT_FOUND, exit 1', async () => {
    for (const command of ['verify', 'show']) {
      const r = await cliIn({ cwd: project, args: ['cert', command, 'no-such-run'] });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^NC_CLI_NOT_FOUND No stored run has id no-such-run/);
    }
  });

  it('cert show prints the constraints table, the recovery moves, the budget and the models', async () => {
    const { runId } = await runExample({ cwd: project, example: EXAMPLES[0] });
    const r = await cliIn({ cwd: project, args: ['cert', 'show', runId] });
    expect(r.code).toBe(0);
    expect(r.out).toContain("\npolicy: files (the project's profile files; no API-managed policy)\n");
    expect(r.out).toMatch(/^ {2}step {4}id {8}kind {9}severity {2}status {4}verdict/m);
    expect(r.out).toMatch(/^ {2}answer {2}short {5}max_words {4}soft {6}enforced {2}pass/m);
    expect(r.out).toMatch(
      /^ {2}seq \d+ {2}answer {2}fallback scripted:primary → scripted:backup \(trigger: rate_limited\)$/m,
    );
    expect(r.out).toMatch(/^ {2}attempts 5\/6 · tokens \d+\/20000 · cost \$0\.0000\/\$0\.0500/m);
    expect(r.out).toMatch(/^ {2}scripted:backup +backup +2 /m);
    const json = await cliIn({ cwd: project, args: ['cert', 'show', runId, '--json'] });
    expect(JSON.parse(json.out)).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      predicate: { run_id: runId, outcome: 'certified' },
    });
  });
});
