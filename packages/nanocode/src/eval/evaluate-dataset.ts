import type { NanocodeError } from '../spec/errors.js';
import type { StepFunction } from '../spec/run.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { type CaseResult, casePassed } from './case-result.js';
import { createCaseRunner, type EvalEvidence } from './create-case-runner.js';
import type { EvalSummary } from './eval-aggregator.js';
import { openEvalHtmlReport } from './eval-html-report.js';
import { caseFailure, caseName, type EvalReportWriter, openEvalJunitReport } from './eval-junit-report.js';
import { createEvalRecorder, type EvalRecorder } from './eval-recorder.js';
import type { FailedCase } from './format-eval-summary.js';
import { openTextFile, type TextFile } from './open-text-file.js';
import { readDataset } from './read-dataset.js';
import { resultLine } from './result-line.js';
import { runEval } from './run-eval.js';

/** Options of {@link evaluateDataset}. */
export interface EvaluateDatasetOptions {
  config: ResolvedConfig;
  /** The dataset file (`.jsonl`, `.csv`, `.yaml`/`.yml`, `.json`). */
  dataset: string;
  /** How the dataset is named in reports (the path as the user typed it). */
  datasetName: string;
  env: Readonly<Record<string, string | undefined>>;
  concurrency: number;
  repeat: number;
  skipInvalid: boolean;
  evidence?: EvalEvidence;
  functions?: Record<string, StepFunction>;
  /** Where to write results: JSON Lines (`out`), JUnit XML, HTML. */
  outputs: { out?: string; junit?: string; html?: string };
  /** How many failed cases to keep for the console (the rest are only counted). */
  keepFailed: number;
  onCaseDone?: (result: CaseResult) => void;
  onCaseStart?: () => void;
  onInvalid?: (error: NanocodeError) => void;
  signal?: AbortSignal;
  /**
   * Record the eval in the evidence store under `eval_id` (needs `evidence`): its start, a row per case as
   * it finishes, and the report at the end, for the API's eval routes. `clock` (ms) ages row batches;
   * `now` stamps the end.
   */
  record?: { eval_id: string; started_at: string; clock: () => number; now: () => string };
}

/** What {@link evaluateDataset} produced. */
export interface EvaluatedDataset {
  summary: EvalSummary;
  /** The first `keepFailed` failed cases, in dataset order. */
  failed: FailedCase[];
  /** The stored eval's id, when it was recorded. */
  eval_id?: string;
}

/**
 * Runs a workflow over a dataset and streams every result, in dataset order, to the result files:
 * the JSON Lines file line by line; JUnit and HTML through a spool completed with the summary. Output
 * files are opened before the first case runs, so a bad path fails early. On an error (an unreadable
 * row without `skipInvalid`, a failed write) the partial JSON Lines file stays and the spools are removed.
 */
export async function evaluateDataset(options: EvaluateDatasetOptions): Promise<EvaluatedDataset> {
  const { config, outputs } = options;
  const repeated = options.repeat > 1;
  const meta = { workflow: config.workflow.name, dataset: options.datasetName };
  let out: TextFile | undefined;
  const reports: EvalReportWriter[] = [];
  let recorder: EvalRecorder | undefined;
  try {
    if (outputs.out !== undefined) out = await openTextFile({ path: outputs.out });
    if (outputs.junit !== undefined)
      reports.push(await openEvalJunitReport({ path: outputs.junit, meta, repeated }));
    if (outputs.html !== undefined)
      reports.push(await openEvalHtmlReport({ path: outputs.html, meta, repeated }));
    if (options.record !== undefined && options.evidence !== undefined) {
      const { eval_id, started_at, clock, now } = options.record;
      recorder = await createEvalRecorder({
        store: options.evidence.store,
        start: {
          eval_id,
          tenant: config.profile.tenant,
          workflow: config.workflow.name,
          profile: config.profile.name,
          dataset: options.datasetName,
          started_at,
          repeat: options.repeat,
          concurrency: options.concurrency,
        },
        clock,
        now,
      });
    }
    const stringInputs = new Set(
      Object.entries(config.workflow.inputs)
        .filter(([, schema]) => schema.type === 'string')
        .map(([name]) => name),
    );
    const failed: FailedCase[] = [];
    const summary = await runEval({
      dataset: readDataset({ file: options.dataset, stringInputs }),
      runCase: createCaseRunner({
        config,
        env: options.env,
        ...(options.evidence === undefined ? {} : { evidence: options.evidence }),
        ...(options.functions === undefined ? {} : { functions: options.functions }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }),
      concurrency: options.concurrency,
      repeat: options.repeat,
      skipInvalid: options.skipInvalid,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onInvalid === undefined ? {} : { onInvalid: options.onInvalid }),
      ...(options.onCaseStart === undefined ? {} : { onStart: options.onCaseStart }),
      onResult: async (result) => {
        options.onCaseDone?.(result);
        if (!casePassed(result) && failed.length < options.keepFailed) {
          const failure = caseFailure(result) ?? { type: 'failed', message: '' };
          failed.push({ name: caseName(result, repeated), line: result.line, ...failure });
        }
        await out?.write(resultLine(result));
        for (const report of reports) await report.add(result);
        await recorder?.add(result);
      },
    });
    await out?.close();
    for (const report of reports.splice(0)) await report.finish({ summary });
    const ended = recorder;
    recorder = undefined;
    await ended?.finish({ status: options.signal?.aborted ? 'cancelled' : 'finished', summary });
    return { summary, failed, ...(ended === undefined ? {} : { eval_id: ended.eval_id }) };
  } catch (error) {
    await out?.close().catch(() => undefined);
    for (const report of reports) await report.discard().catch(() => undefined);
    await recorder?.finish({ status: 'failed' }).catch(() => undefined);
    throw error;
  }
}
