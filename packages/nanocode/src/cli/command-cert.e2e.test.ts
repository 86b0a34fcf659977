import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExamples, EXAMPLES, exampleRunArgs } from './cli-project.test-util.js';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The CLI from source in a child process, as a user runs it. */
function cli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, mainPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', NANOCODE_DEBUG: '' },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let project: string;
const runIds: string[] = [];

beforeAll(async () => {
  project = await copyExamples();
  for (const example of EXAMPLES) {
    const r = cli(project, ['run', ...exampleRunArgs(example), '--json']);
    const doc = JSON.parse(r.stdout) as { run_id: string; certificate: { keyid: string; log_index: number } };
    expect(doc.certificate.log_index).toBe(runIds.length);
    runIds.push(doc.run_id);
  }
}, 120_000);

describe('certificates end to end (spawned CLI, offline)', () => {
  it('certifies a run of each example, and cert verify accepts each offline with the pinned trust file', () => {
    for (const runId of runIds) {
      const r = cli(project, ['cert', 'verify', runId]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('✓ chain: ');
      expect(r.stdout).toContain('✓ log_inclusion: the certificate is included in the log');
      expect(r.stdout).toMatch(/\nvalid: signed by [0-9a-f]{64}\n$/);
      expect(r.status).toBe(0);
    }
  }, 120_000);

  it('rejects a bundle with one edited event, naming the reason and the seq', async () => {
    const bundle = join(project, 'tampered');
    expect(
      cli(project, ['cert', 'export', runIds[0]!, '--format', 'bundle', '--out', 'tampered']).status,
    ).toBe(0);
    expect(cli(project, ['cert', 'verify', 'tampered']).status).toBe(0);
    const lines = (await readFile(join(bundle, 'events.jsonl'), 'utf8')).split('\n');
    const event = JSON.parse(lines[3]!) as { seq: number; data: Record<string, unknown> };
    expect(event.seq).toBe(3);
    lines[3] = JSON.stringify({ ...event, data: { ...event.data, injected: true } });
    await writeFile(join(bundle, 'events.jsonl'), lines.join('\n'));
    const r = cli(project, ['cert', 'verify', 'tampered', '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, reason: 'chain_hash_mismatch', seq: 3 });
    const text = cli(project, ['cert', 'verify', 'tampered']);
    expect(text.stdout).toContain('✗ chain: chain_hash_mismatch at seq 3: ');
    expect(text.stdout).toMatch(/\ninvalid: chain_hash_mismatch at seq 3\n$/);
  }, 60_000);

  it('exports every format as parseable output', async () => {
    const runId = runIds[0]!;
    const otlp = cli(project, ['cert', 'export', runId, '--format', 'otlp']);
    expect(otlp.status).toBe(0);
    const spans = otlp.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { resourceSpans?: unknown });
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]).toHaveProperty('resourceSpans');

    const sarif = cli(project, ['cert', 'export', runId, '--format', 'sarif', '--out', 'run.sarif']);
    expect(sarif.status).toBe(0);
    expect(JSON.parse(await readFile(join(project, 'run.sarif'), 'utf8'))).toMatchObject({
      version: '2.1.0',
    });

    const junit = cli(project, ['cert', 'export', runId, '--format', 'junit']);
    expect(junit.status).toBe(0);
    expect(junit.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    // A real XML parser (libxml2-utils, installed by CI) must accept it.
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: junit.stdout, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    expect(junit.stdout).toContain('name="verification"');

    const html = cli(project, ['cert', 'export', runId, '--format', 'html', '--out', 'report.html']);
    expect(html.status).toBe(0);
    const page = await readFile(join(project, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page.trimEnd()).toMatch(/<\/html>$/);
    expect(page).toContain(runId);

    const bundle = cli(project, ['cert', 'export', runId, '--format', 'bundle', '--out', 'b']);
    expect(bundle.status).toBe(0);
    const envelope = JSON.parse(await readFile(join(project, 'b/certificate.json'), 'utf8')) as object;
    expect(envelope).toHaveProperty('payloadType', 'application/vnd.in-toto+json');
    expect(await readFile(join(project, 'b/log-proof.tlog'), 'utf8')).toMatch(/^c2sp\.org\/tlog-proof@v1\n/);
  }, 60_000);
});
