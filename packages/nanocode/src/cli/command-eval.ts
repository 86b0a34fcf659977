import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { EvaluatedDataset } from '../eval/evaluate-dataset.js';
import { DEFAULT_KEY_DIR } from '../evidence/key-store.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunStore } from '../spec/store.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { type CliIo, resolveUserPath } from './cli-io.js';
import { announceKey } from './cli-log.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { openCliStore } from './open-cli-store.js';
import { displayPath, errorToJson, formatError, reportError } from './report-error.js';

/** How many failed cases the console and `--json` list (all of them are in `--out` and the exports). */
const LISTED_FAILURES = 20;

/** Options of `nanocode eval`. */
export interface EvalCommandOptions {
  workflowFile: string;
  datasetFile: string;
  profile?: string;
  concurrency: number;
  repeat: number;
  /** Exit 0 when at least this share of cases passes (0..1); every case must pass when absent. */
  minPassRate?: number;
  skipInvalid: boolean;
  out?: string;
  junit?: string;
  html?: string;
  json: boolean;
  /** Store each run (events, no certificate unless `certify`). `--no-store` turns it off. */
  store: boolean;
  storeUrl?: string;
  /** Also sign a certificate per run and append it to the transparency log (slower). */
  certify: boolean;
  keyDir: string;
  /** Progress on stderr: a bar on a TTY, a line per 10% otherwise; none with `--quiet`. */
  progress: 'bar' | 'lines' | 'none';
  io: CliIo;
  signal?: AbortSignal;
  /** The clock for progress rates (ms). */
  now: () => number;
}

/** Dataset errors are the data's fault, like configuration errors: 65. */
function exitCodeFor(options: { error: unknown; io: CliIo }): ExitCode {
  const code = reportError(options);
  return options.error instanceof NanocodeError && options.error.code.startsWith('NC_EVAL_')
    ? EXIT_CODES.dataError
    : code;
}

/**
 * Runs a workflow over a dataset and reports per-constraint pass rates, ladder moves, outcomes, tokens
 * and cost. Exits 0 when every case (or `--min-pass-rate` of them) passed, 1 otherwise, 65 for an invalid
 * dataset or configuration, 64 for bad flags, 130 when cancelled.
 */
export async function runEvalCommand(options: EvalCommandOptions): Promise<ExitCode> {
  const { io } = options;
  const failEarly = (error: unknown): ExitCode => {
    const code = exitCodeFor({ error, io });
    if (options.json) io.stdout.write(`${JSON.stringify({ error: errorToJson({ error }) }, null, 2)}\n`);
    return code;
  };
  if (options.certify && !options.store) {
    return failEarly(
      new NanocodeError({ code: 'NC_CLI_USAGE', message: '--certify needs a store; drop --no-store' }),
    );
  }
  const dataset = resolveUserPath({ io, file: options.datasetFile });
  const userPath = (file: string | undefined) =>
    file === undefined ? undefined : resolveUserPath({ io, file });
  let config: ResolvedConfig;
  let total: number | undefined;
  try {
    const { loadConfig } = await import('../config/index.js');
    config = await loadConfig({
      workflowFile: resolveUserPath({ io, file: options.workflowFile }),
      env: io.env,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
    const { countDatasetRows, datasetFormat } = await import('../eval/index.js');
    datasetFormat({ file: dataset });
    // Counting reads the dataset once more, as a stream; only a progress display needs the total.
    if (options.progress !== 'none') total = (await countDatasetRows({ file: dataset })) * options.repeat;
  } catch (error) {
    return failEarly(error);
  }

  const keyDir = resolve(io.cwd, options.keyDir);
  let store: RunStore | undefined;
  let evaluated: EvaluatedDataset;
  const { createEvalProgress, evaluateDataset, formatEvalSummary, prepareCaseRunner } = await import(
    '../eval/index.js'
  );
  const progress = createEvalProgress({
    mode: options.progress,
    total,
    write: (text) => io.stderr.write(text),
    now: options.now,
  });
  try {
    if (options.store) {
      store = await openCliStore({
        cwd: io.cwd,
        ...(options.storeUrl === undefined ? {} : { url: options.storeUrl }),
      });
    }
    const evidence =
      store === undefined ? undefined : { store, ...(options.certify ? { certify: { keyDir } } : {}) };
    for (const key of await prepareCaseRunner({ ...(evidence === undefined ? {} : { evidence }) })) {
      announceKey({ io, ...key, dir: keyDir });
    }
    const outputs = {
      out: userPath(options.out),
      junit: userPath(options.junit),
      html: userPath(options.html),
    };
    evaluated = await evaluateDataset({
      config,
      dataset,
      datasetName: displayPath({ file: options.datasetFile, cwd: io.cwd }),
      env: io.env,
      concurrency: options.concurrency,
      repeat: options.repeat,
      skipInvalid: options.skipInvalid,
      outputs: Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined)),
      keepFailed: LISTED_FAILURES,
      onCaseDone: () => progress.tick(),
      onInvalid: (error) => {
        progress.tick();
        if (options.progress !== 'none')
          io.stderr.write(
            `${options.progress === 'bar' ? '\r\u001b[K' : ''}skipped ${formatError({ error, cwd: io.cwd })}\n`,
          );
      },
      ...(evidence === undefined
        ? {}
        : {
            evidence,
            // The eval itself is recorded beside its runs, for `GET /api/evals` and the playground.
            record: {
              eval_id: randomUUID(),
              started_at: new Date().toISOString(),
              clock: options.now,
              now: () => new Date().toISOString(),
            },
          }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.progress === 'bar') io.stderr.write('\n');
    await store?.close();
    return failEarly(error);
  }
  progress.done();
  await store?.close();
  const { summary, failed, eval_id } = evaluated;
  const threshold = options.minPassRate ?? 1;
  const cancelled = options.signal?.aborted === true;
  const ok = summary.cases > 0 && (summary.pass_rate ?? 0) >= threshold && summary.store_errors === 0;
  const exitCode = cancelled ? EXIT_CODES.cancelled : ok ? EXIT_CODES.ok : EXIT_CODES.error;
  if (options.json) {
    const document = {
      workflow: config.workflow.name,
      dataset: displayPath({ file: options.datasetFile, cwd: io.cwd }),
      min_pass_rate: threshold,
      ok,
      ...(eval_id === undefined ? {} : { eval_id }),
      ...summary,
      failed_cases: failed,
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout.write(
      formatEvalSummary({
        summary,
        workflow: config.workflow.name,
        dataset: displayPath({ file: options.datasetFile, cwd: io.cwd }),
        failed,
      }),
    );
    if (eval_id !== undefined) io.stdout.write(`eval ${eval_id} stored (GET /api/evals/${eval_id})\n`);
    if (summary.cases === 0) io.stdout.write('no cases ran: the dataset is empty\n');
    else {
      io.stdout.write(
        `${ok ? 'PASS' : 'FAIL'}: pass rate ${((summary.pass_rate ?? 0) * 100).toFixed(1)}%, required ${(threshold * 100).toFixed(1)}%\n`,
      );
    }
  }
  return exitCode;
}

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} must be a positive integer`);
    return n;
  };
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('--min-pass-rate must be a number from 0 to 1');
  }
  return n;
}

/** Registers `nanocode eval <workflow> <dataset>` on the program. */
export function registerEvalCommand(options: { program: Command; context: CommandContext }): void {
  const { context } = options;
  options.program
    .command('eval')
    .description('Run a workflow over a dataset of cases and report pass rates per constraint.')
    .argument('<workflow>', 'workflow file (YAML or JSON)')
    .argument(
      '<dataset>',
      'cases as JSON Lines (.jsonl), CSV (.csv) or a YAML/JSON list (.yaml, .yml, .json)',
    )
    .option('--profile <name>', 'the profile to run under')
    .option('--concurrency <n>', 'cases run at once', positiveInteger('--concurrency'), 4)
    .option('--repeat <k>', 'runs of each case', positiveInteger('--repeat'), 1)
    .option(
      '--min-pass-rate <rate>',
      'exit 0 when at least this share (0..1) of cases passes (default: all)',
      rate,
    )
    .option(
      '--skip-invalid',
      'skip and count unreadable dataset rows instead of stopping at the first',
      false,
    )
    .option('--out <file>', 'write one JSON line per case, in dataset order')
    .option('--junit <file>', 'write JUnit XML: a testcase per case')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print the summary as one JSON document', false)
    .option('--store <url>', 'the run store: a SQLite file path or memory: (default: .nanocode/nanocode.db)')
    .option('--no-store', 'do not store the runs')
    .option('--certify', 'also sign a certificate per run and append it to the transparency log', false)
    .option('--keys <dir>', 'the key directory that signs certificates (with --certify)', DEFAULT_KEY_DIR)
    .option('--quiet', 'no progress on stderr', false)
    .action(
      async (
        workflowFile: string,
        datasetFile: string,
        flags: {
          profile?: string;
          concurrency: number;
          repeat: number;
          minPassRate?: number;
          skipInvalid: boolean;
          out?: string;
          junit?: string;
          html?: string;
          json: boolean;
          store: string | boolean;
          certify: boolean;
          keys: string;
          quiet: boolean;
        },
      ) => {
        const tty = (context.io as { stderrIsTty?: boolean }).stderrIsTty ?? process.stderr.isTTY === true;
        context.setExitCode(
          await runEvalCommand({
            workflowFile,
            datasetFile,
            concurrency: flags.concurrency,
            repeat: flags.repeat,
            skipInvalid: flags.skipInvalid,
            json: flags.json,
            store: flags.store !== false,
            certify: flags.certify,
            keyDir: flags.keys,
            progress: flags.quiet ? 'none' : tty ? 'bar' : 'lines',
            io: context.io,
            now: () => performance.now(),
            ...(typeof flags.store === 'string' ? { storeUrl: flags.store } : {}),
            ...(flags.profile === undefined ? {} : { profile: flags.profile }),
            ...(flags.minPassRate === undefined ? {} : { minPassRate: flags.minPassRate }),
            ...(flags.out === undefined ? {} : { out: flags.out }),
            ...(flags.junit === undefined ? {} : { junit: flags.junit }),
            ...(flags.html === undefined ? {} : { html: flags.html }),
            ...(context.signal === undefined ? {} : { signal: context.signal }),
          }),
        );
      },
    );
}
