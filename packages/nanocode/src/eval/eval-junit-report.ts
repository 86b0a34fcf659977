import { escapeAttribute, escapeText } from '../evidence/exports/escape-markup.js';
import { type CaseResult, casePassed } from './case-result.js';
import type { EvalSummary } from './eval-aggregator.js';
import { openSpooledFile } from './spooled-file.js';

/** What the report says about the eval as a whole. */
export interface EvalReportMeta {
  workflow: string;
  dataset: string;
}

/** A report written case by case and completed with the summary. */
export interface EvalReportWriter {
  add(result: CaseResult): Promise<void>;
  finish(options: { summary: EvalSummary }): Promise<void>;
  discard(): Promise<void>;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** The testcase name: the case id, with `#<n>` for repetitions under `--repeat`. */
export function caseName(result: Pick<CaseResult, 'id' | 'repeat'>, repeated: boolean): string {
  return repeated ? `${result.id}#${result.repeat}` : result.id;
}

/** Why a case failed, for JUnit and the console; undefined when it passed. */
export function caseFailure(result: CaseResult): { type: string; message: string } | undefined {
  if (casePassed(result)) return undefined;
  if (result.store_error !== undefined)
    return { type: 'store', message: `not stored: ${result.store_error}` };
  if (result.outcome === 'certified' || result.outcome === 'certified_with_exceptions') {
    return {
      type: 'expected',
      message: result.expected_message ?? 'the output does not match the expectation',
    };
  }
  const reason = result.error ? `: ${result.error.code} ${result.error.message}` : '';
  return { type: result.outcome, message: `outcome ${result.outcome}${reason}` };
}

/** One `<testcase>` element (one line: newlines in text are character references). */
export function junitTestcase(options: {
  result: CaseResult;
  classname: string;
  file: string;
  repeated: boolean;
}): string {
  const { result } = options;
  const failure = caseFailure(result);
  const open = `<testcase${attrs({
    name: caseName(result, options.repeated),
    classname: options.classname,
    time: (result.duration_ms / 1000).toFixed(3),
    file: options.file,
    line: result.line,
  })}>`;
  const out = [
    `run_id: ${result.run_id}`,
    `outcome: ${result.outcome}`,
    ...Object.entries(result.statuses).map(([key, status]) => `${key}: ${status}`),
    ...result.ladder.map(
      (move) =>
        `ladder: ${move.step} ${move.strategy}${move.constraints ? ` (${move.constraints.join(', ')})` : ''}`,
    ),
  ].join('\n');
  const body = failure
    ? `<failure${attrs(failure)}>${escapeNewlines(escapeText(failure.message))}</failure>`
    : '';
  return `    ${open}${body}<system-out>${escapeNewlines(escapeText(out))}</system-out></testcase>`;
}

function escapeNewlines(text: string): string {
  return text.replaceAll('\r', '&#13;').replaceAll('\n', '&#10;');
}

/**
 * Writes JUnit XML (the `junit-10.xsd` dialect): one `<testsuite>` for the eval, one `<testcase>` per case
 * run. A case fails (`<failure>`) when it was not certified (degraded, stopped, error) or its expectation
 * does not hold; nothing is ever skipped. Testcases are spooled as they come and the file is completed once
 * the totals are known.
 */
export async function openEvalJunitReport(options: {
  path: string;
  meta: EvalReportMeta;
  repeated: boolean;
}): Promise<EvalReportWriter> {
  const spool = await openSpooledFile({ path: options.path });
  const classname = `${options.meta.workflow}.eval`;
  let time = 0;
  return {
    async add(result) {
      time += result.duration_ms;
      await spool.append(JSON.stringify(result));
    },
    async finish({ summary }) {
      const counts = { tests: summary.cases, failures: summary.failed, errors: 0 };
      const head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites${attrs({ name: `nanocode eval ${options.meta.workflow}`, ...counts, time: (time / 1000).toFixed(3) })}>`,
        `  <testsuite${attrs({ name: options.meta.workflow, ...counts, skipped: 0, time: (time / 1000).toFixed(3) })}>`,
        '    <properties>',
        ...Object.entries({
          workflow: options.meta.workflow,
          dataset: options.meta.dataset,
          pass_rate: summary.pass_rate === null ? 'n/a' : summary.pass_rate.toFixed(4),
          invalid_rows: summary.invalid_rows,
          tokens: summary.tokens,
          cost_usd: summary.cost_usd.toFixed(6),
          cost_unknown_cases: summary.cost_unknown_cases,
        }).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
        '    </properties>',
        '',
      ].join('\n');
      await spool.finish({
        head,
        tail: '  </testsuite>\n</testsuites>\n',
        transform: (line) =>
          junitTestcase({
            result: JSON.parse(line) as CaseResult,
            classname,
            file: options.meta.dataset,
            repeated: options.repeated,
          }),
      });
    },
    discard: () => spool.discard(),
  };
}
