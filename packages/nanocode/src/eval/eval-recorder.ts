import type { EvalStart, RunStore } from '../spec/store.js';
import type { CaseResult } from './case-result.js';
import { toEvalCaseRow } from './case-row.js';
import type { EvalSummary } from './eval-aggregator.js';

/** Rows kept before they are written: the recorder's memory bound. */
export const EVAL_ROW_BATCH = 25;
/** The longest a finished case waits before it is written, so a viewer sees progress (ms). */
export const EVAL_ROW_MAX_WAIT_MS = 1000;

/** Streams an eval's case rows into the store as they finish, then ends the eval with its report. */
export interface EvalRecorder {
  readonly eval_id: string;
  /** Takes the next result in dataset order; writes a batch when it is full or old enough. */
  add(result: CaseResult): Promise<void>;
  /** Writes what is left and ends the eval (`finished`, `cancelled` or `failed`). */
  finish(options: { status: 'finished' | 'cancelled' | 'failed'; summary?: EvalSummary }): Promise<void>;
}

/**
 * Records an eval in the store (`createEval` now), then its case rows in batches of at most
 * {@link EVAL_ROW_BATCH} (so memory stays flat however large the dataset), each batch written once full
 * or {@link EVAL_ROW_MAX_WAIT_MS} after its first row.
 */
export async function createEvalRecorder(options: {
  store: RunStore;
  start: EvalStart;
  /** Milliseconds, for batch age (injected by tests). */
  clock: () => number;
  /** ISO time for `finished_at`. */
  now: () => string;
}): Promise<EvalRecorder> {
  const { store, start } = options;
  await store.createEval({ eval: start });
  let seq = 0;
  let batch: ReturnType<typeof toEvalCaseRow>[] = [];
  let oldest = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const cases = batch;
    batch = [];
    await store.appendEvalCases({ eval_id: start.eval_id, cases });
  };
  return {
    eval_id: start.eval_id,
    async add(result) {
      if (batch.length === 0) oldest = options.clock();
      batch.push(toEvalCaseRow({ result, seq }));
      seq += 1;
      if (batch.length >= EVAL_ROW_BATCH || options.clock() - oldest >= EVAL_ROW_MAX_WAIT_MS) await flush();
    },
    async finish({ status, summary }) {
      await flush();
      await store.finishEval({
        eval_id: start.eval_id,
        status,
        finished_at: options.now(),
        ...(summary === undefined ? {} : { summary: summary as unknown as Record<string, unknown> }),
      });
    },
  };
}
