import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

let project: string;
const runIds: string[] = [];

beforeAll(async () => {
  project = await copyExamples();
  for (const example of EXAMPLES.slice(2)) runIds.push((await runExample({ cwd: project, example })).runId);
});

const cli = (args: string[]) => cliIn({ cwd: project, args });

describe('nanocode log', () => {
  it('signs a checkpoint of the current tree with the log key', async () => {
    const r = await cli(['log', 'checkpoint']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^nanocode\.local\/log\/default\n2\n[A-Za-z0-9+/]{43}=\n\n— nanocode\.local\/log \S+\n$/,
    );
  });

  it('proves a run is included and verifies the proof offline; a proof for another certificate fails', async () => {
    const proved = await cli(['log', 'prove-inclusion', runIds[1]!, '--out', 'inclusion.tlog']);
    expect(proved.code).toBe(0);
    const text = await readFile(join(project, 'inclusion.tlog'), 'utf8');
    expect(text).toMatch(/^c2sp\.org\/tlog-proof@v1\nextra \S+\nindex 1\n/);
    const ok = await cli(['log', 'verify', 'inclusion.tlog', '--certificate', runIds[1]!]);
    expect(ok.out).toMatch(
      /^✓ inclusion: certificate sha256:[0-9a-f]{64} is leaf 1 of nanocode\.local\/log\/default/,
    );
    expect(ok.code).toBe(0);
    const wrong = await cli(['log', 'verify', 'inclusion.tlog', '--certificate', runIds[0]!, '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.out)).toMatchObject({ kind: 'inclusion', ok: false });
    const otherTenant = await cli(['log', 'verify', 'inclusion.tlog', '--tenant', 'acme']);
    expect(otherTenant.code).toBe(1);
  });

  it('proves consistency between two tree sizes; a tampered proof is rejected', async () => {
    const r = await cli([
      'log',
      'prove-consistency',
      '--from',
      '1',
      '--to',
      '2',
      '--out',
      'consistency.json',
    ]);
    expect(r.code).toBe(0);
    const ok = await cli(['log', 'verify', 'consistency.json']);
    expect(ok.out).toBe(
      '✓ consistency: tree 1 → 2 of nanocode.local/log/default only grew (signed checkpoints)\nvalid\n',
    );
    expect(ok.code).toBe(0);
    const file = JSON.parse(await readFile(join(project, 'consistency.json'), 'utf8')) as { proof: string[] };
    file.proof[0] = Buffer.alloc(32, 7).toString('base64');
    await writeFile(join(project, 'bad.json'), JSON.stringify(file));
    const bad = await cli(['log', 'verify', 'bad.json']);
    expect(bad.out).toMatch(/^✗ consistency: .*\ninvalid\n$/);
    expect(bad.code).toBe(1);
  });

  it('rejects sizes outside the tree, and files that are no proof', async () => {
    expect((await cli(['log', 'prove-consistency', '--from', '2', '--to', '1'])).code).toBe(64);
    const beyond = await cli(['log', 'prove-consistency', '--from', '1', '--to', '9']);
    expect(beyond.err).toMatch(/^NC_EVIDENCE_LOG_RANGE /);
    await writeFile(join(project, 'junk.txt'), 'hello');
    const junk = await cli(['log', 'verify', 'junk.txt']);
    expect(junk.err).toMatch(/^NC_CLI_BUNDLE /);
    expect(junk.code).toBe(1);
  });
});
