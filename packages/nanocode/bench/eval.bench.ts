import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/index.js';
import { evaluateDataset } from '../src/eval/index.js';
import type { RunStore } from '../src/spec/store.js';
import type { ResolvedConfig } from '../src/spec/workflow.js';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store.js';

/** One eval run's figures. */
export interface EvalBenchRow {
  cases: number;
  /** Whether the runs and the eval record were written to a SQLite store. */
  stored: boolean;
  seconds: number;
  cases_per_s: number;
  /** Resident set size before the eval started (MB): the baseline. */
  rss_before_mb: number;
  /** Highest resident set size sampled every 50 ms during the eval (MB). */
  rss_peak_mb: number;
}

const CONCURRENCY = 8;

/** A trivial one-step workflow on the scripted adapter: one reply that passes both constraints. */
function trivialConfig(): ResolvedConfig {
  return resolveConfig({
    workflow: {
      name: 'bench-eval',
      version: 1,
      inputs: { name: { type: 'string' } },
      steps: {
        greet: {
          model: ['scripted:demo'],
          prompt: { user: 'Greet {{ inputs.name }}.' },
          output: 'json',
          constraints: [
            { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['greeting'] } },
            { id: 'short', kind: 'max_words', field: 'greeting', value: 20 },
          ],
          recovery: [{ retry: { max: 1 } }, { stop: {} }],
        },
      },
      scripted: {
        demo: { greet: [{ text: '{"greeting": "Hello!"}', usage: { input_tokens: 12, output_tokens: 4 } }] },
      },
    },
  });
}

async function writeDataset(options: { file: string; cases: number }): Promise<void> {
  const stream = createWriteStream(options.file);
  for (let i = 0; i < options.cases; i += 1) {
    if (!stream.write(`${JSON.stringify({ id: `case-${i}`, name: `Name ${i}` })}\n`)) {
      await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => stream.end(() => resolve()));
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(options: {
  config: ResolvedConfig;
  dir: string;
  cases: number;
  /** Store the runs and record the eval in this store. */
  store?: RunStore;
}): Promise<EvalBenchRow> {
  const dataset = join(options.dir, `cases-${options.cases}.jsonl`);
  await writeDataset({ file: dataset, cases: options.cases });
  const evalId = `bench-${options.cases}-${Date.now()}`;
  // Start from a collected heap when the runtime allows it (node --expose-gc), so baselines compare.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const { summary } = await evaluateDataset({
      config: options.config,
      dataset,
      datasetName: dataset,
      env: {},
      concurrency: CONCURRENCY,
      repeat: 1,
      skipInvalid: false,
      keepFailed: 0,
      outputs: { out: join(options.dir, `results-${options.cases}.jsonl`) },
      ...(options.store === undefined
        ? {}
        : {
            evidence: { store: options.store },
            record: {
              eval_id: evalId,
              started_at: new Date().toISOString(),
              clock: () => performance.now(),
              now: () => new Date().toISOString(),
            },
          }),
    });
    if (summary.passed !== options.cases)
      throw new Error(`bench eval: ${summary.passed}/${options.cases} passed`);
    const recorded = await options.store?.getEval({ eval_id: evalId });
    if (options.store !== undefined && recorded?.case_count !== options.cases) {
      throw new Error(`bench eval: the eval record holds ${recorded?.case_count} of ${options.cases} rows`);
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    cases: options.cases,
    stored: options.store !== undefined,
    seconds,
    cases_per_s: options.cases / seconds,
    rss_before_mb: mb(before),
    rss_peak_mb: mb(peak),
  };
}

/**
 * Runs `nanocode eval`'s engine in-process over generated 1k and 10k case JSON Lines datasets (trivial
 * scripted workflow, no store, results streamed to a file) and prints peak RSS beside the baseline taken
 * just before each eval, and cases/s. Flat memory shows as a 10k peak close to the 1k peak.
 */
export async function benchEval(): Promise<EvalBenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nanocode-bench-eval-'));
  const config = trivialConfig();
  const rows: EvalBenchRow[] = [];
  try {
    await measure({ config, dir, cases: 200 }); // warm-up: JIT and module loading out of the figures
    for (const cases of [1_000, 10_000]) rows.push(await measure({ config, dir, cases }));
    const store = createSqliteStore({ path: join(dir, 'nanocode.db') });
    try {
      for (const cases of [1_000, 10_000]) rows.push(await measure({ config, dir, cases, store }));
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `\nnanocode eval over a generated JSONL dataset (scripted, concurrency ${CONCURRENCY}; no store, then SQLite with the runs and the eval record)`,
  );
  for (const row of rows) {
    console.log(
      `  ${String(row.cases).padStart(6)} cases${row.stored ? ', stored' : '        '}  ${row.seconds.toFixed(2).padStart(7)} s  ${row.cases_per_s.toFixed(0).padStart(6)} cases/s   RSS before ${row.rss_before_mb} MB, peak ${row.rss_peak_mb} MB (+${(row.rss_peak_mb - row.rss_before_mb).toFixed(1)} MB)`,
    );
  }
  return rows;
}
