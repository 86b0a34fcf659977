import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

let project: string;
let runId: string;

beforeAll(async () => {
  project = await copyExamples();
  runId = (await runExample({ cwd: project, example: EXAMPLES[1] })).runId;
  expect(
    (await cliIn({ cwd: project, args: ['cert', 'export', runId, '--format', 'bundle', '--out', 'b'] })).code,
  ).toBe(0);
});

const cli = (args: string[]) => cliIn({ cwd: project, args });

describe('evidence from a run id, a bundle directory or a bundle.json file', () => {
  it('verifies a bundle.json file, with its log proof, as it verifies the stored run', async () => {
    const read = (name: string) => readFile(join(project, 'b', name), 'utf8');
    const bundle = {
      spec: 'nanocode.certificate-bundle/v1',
      envelope: JSON.parse(await read('certificate.json')) as unknown,
      header: JSON.parse(await read('header.json')) as unknown,
      events: (await read('events.jsonl'))
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      log_proof: await read('log-proof.tlog'),
    };
    await writeFile(join(project, 'bundle.json'), JSON.stringify(bundle));
    const r = await cli(['cert', 'verify', 'bundle.json', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      ok: boolean;
      source: string;
      checks: { name: string; ok: boolean }[];
    };
    expect(report).toMatchObject({ ok: true, source: 'bundle-file', run_id: runId });
    expect(report.checks.find((c) => c.name === 'log_inclusion')?.ok).toBe(true);
  });

  it('trusts only --key files when given: the signer passes, another key is refused', async () => {
    const keys = await readdir(join(project, '.nanocode/keys'));
    const trust = JSON.parse(await readFile(join(project, '.nanocode/keys/trust.json'), 'utf8')) as {
      keys: { keyid: string; purpose: string }[];
    };
    const signer = trust.keys.find((k) => k.purpose === 'certificate')!.keyid;
    const logKey = trust.keys.find((k) => k.purpose === 'log')!.keyid;
    expect(keys).toContain(`${signer}.pub`);
    const ok = await cli(['cert', 'verify', 'b', '--key', `.nanocode/keys/${signer}.pub`]);
    expect(ok.code).toBe(0);
    const wrong = await cli(['cert', 'verify', 'b', '--key', `.nanocode/keys/${logKey}.pub`, '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.out)).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('reports an unreadable bundle as NC_CLI_BUNDLE, exit 1', async () => {
    await writeFile(join(project, 'broken.json'), '{ not json');
    const r = await cli(['cert', 'verify', 'broken.json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^NC_CLI_BUNDLE broken\.json is not JSON\./);
  });
});
