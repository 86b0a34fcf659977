import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalCaseRow, RunStore } from '../spec/store.js';
import { createMemoryStore } from '../store/index.js';
import { greetConfig, tempDir, writeIn } from './eval-fixtures.test-util.js';
import { EVAL_ROW_BATCH } from './eval-recorder.js';
import { evaluateDataset } from './evaluate-dataset.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const common = { env: {}, concurrency: 3, repeat: 1, skipInvalid: false, keepFailed: 5 } as const;

describe('evaluateDataset', () => {
  it('runs every case, writes results in dataset order, and stores each run without a certificate', async () => {
    const names = ['Ada', 'Bob', 'a name far too long to be accepted', 'Cy', 'Di', 'Ed', 'Flo'];
    const dataset = await writeIn({
      dir,
      name: 'names.jsonl',
      text: names
        .map((name, i) =>
          JSON.stringify({ id: `n${i}`, name, expected: { greeting: i === 1 ? 'Hey' : 'Hello!' } }),
        )
        .join('\n'),
    });
    const store = createMemoryStore();
    const out = join(dir, 'out.jsonl');
    const { summary, failed } = await evaluateDataset({
      ...common,
      config: greetConfig(),
      dataset,
      datasetName: 'names.jsonl',
      evidence: { store },
      outputs: { out },
    });
    expect(summary).toMatchObject({
      cases: 7,
      passed: 5,
      outcomes: { certified: 6, error: 1 },
      expectations: { checked: 7, met: 5, failed: 2 },
      strategies: { retry: 6 },
    });
    // Every scripted run replays the same script: a retry on the shape constraint, then a pass.
    expect(summary.constraints[0]).toMatchObject({
      key: 'greet.shape',
      pass_rate: 1,
      strategies: { retry: 6 },
    });
    expect(failed.map((f) => [f.name, f.type])).toEqual([
      ['n1', 'expected'],
      ['n2', 'error'],
    ]);
    const lines = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(names.map((_, i) => `n${i}`));
    expect(lines[2]).toMatchObject({
      outcome: 'error',
      error: { code: 'NC_RUN_INPUT_INVALID' },
      expected_ok: false,
    });
    expect(lines[0]).toMatchObject({
      outcome: 'certified',
      expected_ok: true,
      strategies: { retry: 1 },
      stored: true,
      tokens: 38,
    });
    const stored = await store.getRun({ run_id: lines[0].run_id });
    expect(stored?.summary.outcome).toBe('certified');
    expect(stored?.certificate).toBeUndefined();
    expect(await store.listRuns({ limit: 100 })).toHaveLength(7);
  });

  it('repeats each case, follows each case with its repetitions, and stops at a bad row unless told to skip', async () => {
    const dataset = await writeIn({
      dir,
      name: 'mixed.jsonl',
      text: '{"name":"Ada"}\n{oops\n{"name":"Bob"}\n',
    });
    const base = { ...common, config: greetConfig(), dataset, datasetName: 'mixed.jsonl' };
    await expect(evaluateDataset({ ...base, outputs: {} })).rejects.toMatchObject({
      code: 'NC_EVAL_CASE',
      location: { line: 2 },
    });
    const out = join(dir, 'repeat.jsonl');
    const { summary } = await evaluateDataset({ ...base, repeat: 2, skipInvalid: true, outputs: { out } });
    expect(summary).toMatchObject({ cases: 4, passed: 4, invalid_rows: 1 });
    const lines = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => `${line.id}#${line.repeat}`)).toEqual(['1#1', '1#2', '3#1', '3#2']);
  });

  it('records the eval in the store: rows streamed in small batches as cases finish, then the report', async () => {
    const count = 60;
    const dataset = await writeIn({
      dir,
      name: 'record.jsonl',
      text: Array.from({ length: count }, (_, i) =>
        JSON.stringify({ id: `c${i}`, name: i === 7 ? 'a name far too long to be accepted' : `N${i}` }),
      ).join('\n'),
    });
    const memory = createMemoryStore();
    const batches: number[] = [];
    const store: RunStore = {
      ...memory,
      appendEvalCases: async (options) => {
        batches.push(options.cases.length);
        // Rows arrive while the eval still runs, not all at the end.
        expect((await memory.getEval({ eval_id: options.eval_id }))?.status).toBe('running');
        return memory.appendEvalCases(options);
      },
    };
    const { summary, eval_id } = await evaluateDataset({
      ...common,
      repeat: 2,
      config: greetConfig(),
      dataset,
      datasetName: 'record.jsonl',
      evidence: { store },
      outputs: {},
      record: {
        eval_id: 'ev-1',
        started_at: '2026-01-01T00:00:00.000Z',
        clock: () => 0,
        now: () => '2026-01-01T00:05:00.000Z',
      },
    });
    expect(eval_id).toBe('ev-1');
    expect(Math.max(...batches)).toBeLessThanOrEqual(EVAL_ROW_BATCH);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(count * 2);
    const record = await memory.getEval({ eval_id: 'ev-1' });
    expect(record).toMatchObject({
      eval_id: 'ev-1',
      tenant: 'default',
      workflow: 'greet',
      profile: 'default',
      dataset: 'record.jsonl',
      repeat: 2,
      concurrency: 3,
      status: 'finished',
      finished_at: '2026-01-01T00:05:00.000Z',
      case_count: count * 2,
      summary: { cases: count * 2, passed: summary.passed },
    });
    const { cases, total } = await memory.listEvalCases({ eval_id: 'ev-1', limit: 4, offset: 14 });
    expect(total).toBe(count * 2);
    expect(cases.map((c) => [c.seq, c.case_id, c.repeat])).toEqual([
      [14, 'c7', 1],
      [15, 'c7', 2],
      [16, 'c8', 1],
      [17, 'c8', 2],
    ]);
    const bad = cases[0] as EvalCaseRow;
    expect(bad).toMatchObject({ outcome: 'error', passed: false, tokens: 0 });
    expect(bad.statuses).toEqual({ 'greet/shape': 'not_applicable', 'greet/short': 'not_applicable' });
    expect(cases[2]).toMatchObject({
      outcome: 'certified',
      passed: true,
      statuses: { 'greet/shape': 'enforced', 'greet/short': 'enforced' },
      ladder: { retry: 1 },
      tokens: 38,
    });
    expect(await memory.getRun({ run_id: (cases[2] as EvalCaseRow).run_id })).toBeDefined();
    const errored = await memory.listEvalCases({ eval_id: 'ev-1', outcome: 'error' });
    expect(errored.cases.map((c) => c.case_id)).toEqual(['c7', 'c7']);
  });

  it('ends a stopped eval as cancelled, and one that failed on a bad row as failed', async () => {
    const dataset = await writeIn({ dir, name: 'bad.jsonl', text: '{"name":"Ada"}\n{oops\n' });
    const store = createMemoryStore();
    const base = { ...common, config: greetConfig(), dataset, datasetName: 'bad.jsonl', evidence: { store } };
    const record = (eval_id: string) => ({
      eval_id,
      started_at: '2026-01-01T00:00:00.000Z',
      clock: () => 0,
      now: () => '2026-01-01T00:00:01.000Z',
    });
    await expect(evaluateDataset({ ...base, outputs: {}, record: record('bad') })).rejects.toMatchObject({
      code: 'NC_EVAL_CASE',
    });
    expect(await store.getEval({ eval_id: 'bad' })).toMatchObject({ status: 'failed' });
    await evaluateDataset({
      ...base,
      outputs: {},
      skipInvalid: true,
      signal: AbortSignal.abort(),
      record: record('stopped'),
    });
    expect(await store.getEval({ eval_id: 'stopped' })).toMatchObject({ status: 'cancelled', case_count: 0 });
  });
});
