import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GREET_WORKFLOW } from '../eval/eval-fixtures.test-util.js';
import { type EvalCommandOptions, runEvalCommand } from './command-eval.js';
import { runCli } from './main.js';
import { memoryIo } from './memory-io.test-util.js';

const SUPPORT_ANSWER = fileURLToPath(
  new URL('../../../../examples/support-answer/workflow.yaml', import.meta.url),
);
const CONTEXT =
  'Refunds are processed within 5 business days of approval. Contact support through the help centre.';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanocode-eval-cli-'));
  await writeFile(join(dir, 'greet.yaml'), GREET_WORKFLOW);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function options(
  overrides: Partial<EvalCommandOptions> & Pick<EvalCommandOptions, 'workflowFile' | 'datasetFile'>,
) {
  const io = memoryIo({ cwd: dir });
  return {
    io,
    run: () =>
      runEvalCommand({
        concurrency: 4,
        repeat: 1,
        skipInvalid: false,
        json: false,
        store: false,
        certify: false,
        keyDir: '.nanocode/keys',
        progress: 'none',
        now: () => 0,
        io,
        ...overrides,
      }),
  };
}

describe('nanocode eval', () => {
  it('evaluates examples/support-answer over a CSV dataset: report, JSON Lines, JUnit and HTML, exit 0', async () => {
    await writeFile(
      join(dir, 'support.csv'),
      `id,question,context,expected.quotes\nrefunds,How long do refunds take?,"${CONTEXT}","[""Refunds are processed within 5 business days""]"\nagain,"How long, exactly?","${CONTEXT}",\n`,
    );
    const { io, run } = options({
      workflowFile: SUPPORT_ANSWER,
      datasetFile: 'support.csv',
      out: 'results.jsonl',
      junit: 'report.xml',
      html: 'report.html',
      store: true,
      storeUrl: 'memory:',
    });
    expect(await run()).toBe(0);
    const out = io.out();
    expect(out).toContain('eval support-answer over support.csv: 2 cases, 2 passed (100.0%)');
    expect(out).toMatch(/answer\.grounded\s+100\.0%\s+enforced 2 · retry 4, repair 2/);
    expect(out).toContain('cases needing each strategy: retry 2, repair 2, fallback 2');
    expect(out).toContain('PASS: pass rate 100.0%, required 100.0%');
    const lines = (await readFile(join(dir, 'results.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.outcome, l.expected_ok, l.stored])).toEqual([
      ['refunds', 'certified', true, true],
      ['again', 'certified', null, true],
    ]);
    const xml = join(dir, 'report.xml');
    expect(spawnSync('xmllint', ['--noout', xml]).status).toBe(0);
    expect((await readFile(xml, 'utf8')).match(/<testcase /g)).toHaveLength(2);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<th>answer.calm</th>');
  });

  it('exits 1 below the pass rate, 0 once --min-pass-rate allows it, and prints --json', async () => {
    await writeFile(
      join(dir, 'names.jsonl'),
      [
        '{"name":"Ada"}',
        '{"name":"Bob","expected":{"greeting":"Hey"}}',
        '{"name":"Cy"}',
        '{"name":"Di"}',
      ].join('\n'),
    );
    const strict = options({ workflowFile: 'greet.yaml', datasetFile: 'names.jsonl' });
    expect(await strict.run()).toBe(1);
    expect(strict.io.out()).toContain(
      'failed cases:\n  2 (line 2): expected: greeting: expected "Hey", got "Hello!"',
    );
    const lenient = options({
      workflowFile: 'greet.yaml',
      datasetFile: 'names.jsonl',
      minPassRate: 0.75,
      json: true,
    });
    expect(await lenient.run()).toBe(0);
    expect(JSON.parse(lenient.io.out())).toMatchObject({
      workflow: 'greet',
      ok: true,
      cases: 4,
      passed: 3,
      pass_rate: 0.75,
      failed_cases: [{ name: '2', type: 'expected' }],
    });
  });

  it('exits 65 on a bad dataset row (with file:line) or a missing dataset, and 64 on bad flags', async () => {
    await writeFile(join(dir, 'bad.jsonl'), '{"name":"Ada"}\n{"name":\n');
    const bad = options({ workflowFile: 'greet.yaml', datasetFile: 'bad.jsonl', progress: 'lines' });
    expect(await bad.run()).toBe(65);
    expect(bad.io.err()).toContain('bad.jsonl:2:1 NC_EVAL_CASE not JSON');
    const skipped = options({ workflowFile: 'greet.yaml', datasetFile: 'bad.jsonl', skipInvalid: true });
    expect(await skipped.run()).toBe(0);
    expect(skipped.io.out()).toContain('unreadable rows skipped: 1');
    const missing = options({ workflowFile: 'greet.yaml', datasetFile: 'nope.jsonl' });
    expect(await missing.run()).toBe(65);
    expect(missing.io.err()).toMatch(/NC_EVAL_DATASET cannot read dataset/);
    const run = (argv: string[]) => runCli({ argv, io: memoryIo({ cwd: dir }) });
    expect(await run(['eval', 'greet.yaml', 'names.jsonl', '--concurrency', '0'])).toBe(64);
    expect(await run(['eval', 'greet.yaml', 'names.jsonl', '--min-pass-rate', '1.5'])).toBe(64);
    expect(await run(['eval', 'greet.yaml', 'names.jsonl', '--no-store', '--certify', '--quiet'])).toBe(64);
    expect(
      await run(['eval', 'greet.yaml', 'names.jsonl', '--no-store', '--quiet', '--min-pass-rate', '0.5']),
    ).toBe(0);
  });

  it('signs a certificate per run with --certify, creating the keys before the first case', async () => {
    const { io, run } = options({
      workflowFile: 'greet.yaml',
      datasetFile: 'names.jsonl',
      minPassRate: 0.5,
      store: true,
      storeUrl: join(dir, 'certified.db'),
      certify: true,
      keyDir: 'keys',
      out: 'certified.jsonl',
    });
    expect(await run()).toBe(0);
    expect(io.err()).toMatch(/created signing key/);
    const lines = (await readFile(join(dir, 'certified.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).stored)).toEqual([true, true, true, true]);
    const { openStore } = await import('../store/index.js');
    const store = await openStore({ cwd: dir, url: join(dir, 'certified.db') });
    const stored = await store.getRun({ run_id: JSON.parse(lines[0] ?? '{}').run_id });
    // The eval itself is stored beside its runs: the id printed, every case row, the report.
    const evalId = /^eval (\S+) stored /m.exec(io.out())?.[1] ?? '';
    const record = await store.getEval({ eval_id: evalId });
    const rows = await store.listEvalCases({ eval_id: evalId });
    await store.close();
    expect(stored?.certificate).toBeDefined();
    expect(stored?.log_index).toBeTypeOf('number');
    expect(record).toMatchObject({
      workflow: 'greet',
      dataset: 'names.jsonl',
      status: 'finished',
      case_count: 4,
      summary: { cases: 4, passed: 3 },
    });
    expect(rows.cases.map((c) => [c.case_id, c.passed, c.run_id])).toEqual(
      lines.map((l) => {
        const line = JSON.parse(l) as {
          id: string;
          outcome: string;
          expected_ok: boolean | null;
          run_id: string;
        };
        return [line.id, line.outcome === 'certified' && line.expected_ok !== false, line.run_id];
      }),
    );
  });

  it('exits 130 when cancelled, having started no further case', async () => {
    const { io, run } = options({
      workflowFile: 'greet.yaml',
      datasetFile: 'names.jsonl',
      json: true,
      signal: AbortSignal.abort(new Error('cancelled')),
    });
    expect(await run()).toBe(130);
    expect(JSON.parse(io.out())).toMatchObject({ cases: 0, ok: false });
  });

  it('completes over a generated 10,000-case JSON Lines dataset with --no-store', {
    timeout: 120_000,
  }, async () => {
    const file = join(dir, 'big.jsonl');
    const stream = createWriteStream(file);
    for (let i = 0; i < 10_000; i += 1)
      stream.write(`${JSON.stringify({ id: `case-${i}`, name: `N${i % 997}` })}\n`);
    await new Promise((resolve) => stream.end(resolve));
    const { io, run } = options({
      workflowFile: 'greet.yaml',
      datasetFile: 'big.jsonl',
      concurrency: 16,
      out: 'big-out.jsonl',
      json: true,
    });
    expect(await run()).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ cases: 10_000, passed: 10_000 });
    const text = await readFile(join(dir, 'big-out.jsonl'), 'utf8');
    const ids = text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toHaveLength(10_000);
    expect(ids.every((id, i) => id === `case-${i}`)).toBe(true);
  });
});
