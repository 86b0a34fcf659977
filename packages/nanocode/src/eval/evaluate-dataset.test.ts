import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/index.js';
import { greetConfig, tempDir, writeIn } from './eval-fixtures.test-util.js';
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
});
