/** Evaluating a workflow over a dataset: readers, the bounded in-order pool, aggregation and reports. */

export { type CaseResult, casePassed, type LadderMove, toCaseResult } from './case-result.js';
export { storeConstraintKey, toEvalCaseRow } from './case-row.js';
export { checkExpected, type ExpectationResult } from './check-expected.js';
export {
  type CaseRunnerOptions,
  createCaseRunner,
  type EvalEvidence,
  prepareCaseRunner,
} from './create-case-runner.js';
export {
  type ConstraintSummary,
  createEvalAggregator,
  type EvalAggregator,
  type EvalSummary,
} from './eval-aggregator.js';
export type { DatasetItem, EvalCase } from './eval-case.js';
export { openEvalHtmlReport } from './eval-html-report.js';
export {
  caseFailure,
  caseName,
  type EvalReportMeta,
  type EvalReportWriter,
  openEvalJunitReport,
} from './eval-junit-report.js';
export { createEvalProgress, type EvalProgress, type ProgressMode } from './eval-progress.js';
export {
  createEvalRecorder,
  EVAL_ROW_BATCH,
  EVAL_ROW_MAX_WAIT_MS,
  type EvalRecorder,
} from './eval-recorder.js';
export { type EvaluateDatasetOptions, type EvaluatedDataset, evaluateDataset } from './evaluate-dataset.js';
export { type FailedCase, formatEvalSummary } from './format-eval-summary.js';
export { mapInOrder } from './map-in-order.js';
export { openTextFile, type TextFile } from './open-text-file.js';
export {
  countDatasetRows,
  type DatasetFormat,
  datasetFormat,
  type ReadDatasetOptions,
  readDataset,
} from './read-dataset.js';
export { MAX_YAML_DATASET_BYTES } from './read-yaml-dataset.js';
export { resultLine } from './result-line.js';
export { type CaseRunner, type RunEvalOptions, runEval } from './run-eval.js';
