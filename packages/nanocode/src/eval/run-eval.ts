import type { NanocodeError } from '../spec/errors.js';
import type { CaseResult } from './case-result.js';
import { createEvalAggregator, type EvalSummary } from './eval-aggregator.js';
import type { DatasetItem, EvalCase } from './eval-case.js';
import { mapInOrder } from './map-in-order.js';

/** Runs one case once; failures of the run are data in the result, and it must not reject. */
export type CaseRunner = (options: { evalCase: EvalCase; repeat: number }) => Promise<CaseResult>;

/** Options of {@link runEval}. */
export interface RunEvalOptions {
  dataset: AsyncIterable<DatasetItem>;
  runCase: CaseRunner;
  /** Cases run at once (>= 1). */
  concurrency: number;
  /** Runs of each case (>= 1); repetitions follow their case in the results. */
  repeat: number;
  /** Count unreadable rows and go on, instead of stopping at the first with its `NC_EVAL_CASE` error. */
  skipInvalid: boolean;
  /** Gets every result in dataset order (then repetition order), as soon as it and all before it are done. */
  onResult?: (result: CaseResult) => Promise<void> | void;
  /** Told about each unreadable row that is skipped. */
  onInvalid?: (error: NanocodeError) => void;
  /** Told when a case starts, for progress. */
  onStart?: () => void;
  /** Stops pulling new cases once aborted; cases already running get the signal through `runCase`. */
  signal?: AbortSignal;
}

/**
 * Runs a workflow over a dataset: reads cases as a stream, runs up to `concurrency` at once, hands each
 * result on in dataset order and folds it into the summary. Memory is bounded by the concurrency and the
 * number of constraints, never by the dataset's size. Throws the first unreadable row's `NC_EVAL_CASE`
 * error unless `skipInvalid`.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalSummary> {
  const aggregator = createEvalAggregator();
  const repeat = Math.max(1, Math.floor(options.repeat));
  async function* work(): AsyncGenerator<{ evalCase: EvalCase; repeat: number }> {
    for await (const item of options.dataset) {
      if (options.signal?.aborted) return;
      if (item.kind === 'invalid') {
        if (!options.skipInvalid) throw item.error;
        aggregator.addInvalid();
        options.onInvalid?.(item.error);
        continue;
      }
      for (let r = 1; r <= repeat; r += 1) yield { evalCase: item.case, repeat: r };
    }
  }
  const results = mapInOrder({
    source: work(),
    concurrency: options.concurrency,
    fn: (job) => {
      options.onStart?.();
      return options.runCase(job);
    },
  });
  for await (const result of results) {
    aggregator.add(result);
    await options.onResult?.(result);
  }
  return aggregator.summary();
}
