import { escapeAttribute, escapeText } from './escape-markup.js';
import { type RowVerdict, rowVerdict } from './row-verdict.js';
import { type ConstraintRow, type ExportInput, type RunSummary, summarizeRun } from './summarize-run.js';

interface Case {
  name: string;
  classname: string;
  verdict: RowVerdict;
  type: string;
  message: string;
  detail: string;
}

/**
 * Exports a run as JUnit XML (the Jenkins `junit-10.xsd` dialect): one `<testsuite>` per step, one
 * `<testcase>` per declared constraint with its final status. Failed constraints are `<failure>`,
 * evaluation errors `<error>`, waived and not applicable ones `<skipped>` with the reason. A last suite,
 * `run`, holds one `outcome` testcase that fails on a safe stop and errors on an aborted run, so that a CI
 * job cannot pass on a run that released nothing.
 */
export function toJunitXml(input: ExportInput): string {
  const summary = summarizeRun(input);
  const workflow = input.header.workflow.name;
  const steps = [...new Set(summary.constraints.map((row) => row.step))];
  const suites = steps.map((step) => ({
    name: step,
    cases: summary.constraints
      .filter((row) => row.step === step)
      .map((row) => constraintCase({ row, classname: `${workflow}.${step}` })),
  }));
  suites.push({ name: 'run', cases: [outcomeCase({ summary, classname: `${workflow}.run` })] });
  const totals = counts(suites.flatMap((s) => s.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // The schema has no `skipped` attribute on `<testsuites>`.
    `<testsuites${attrs({ name: `nanocode ${workflow}`, tests: totals.tests, failures: totals.failures, errors: totals.errors })}>`,
    ...suites.flatMap((suite, index) =>
      suiteLines({ suite, index, summary, verification: input.verification }),
    ),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suiteLines(options: {
  suite: { name: string; cases: Case[] };
  index: number;
  summary: RunSummary;
  verification: ExportInput['verification'];
}): string[] {
  const { suite, summary } = options;
  const { header } = summary;
  const properties = {
    run_id: header.run_id,
    outcome: summary.outcome,
    workflow: header.workflow.name,
    workflow_version: header.workflow.version,
    tenant: header.tenant,
    profile: header.profile.name,
    ...(summary.error ? { error_code: summary.error.code } : {}),
    ...(options.verification
      ? { verification: `${options.verification.ok ? 'ok' : 'failed'}: ${options.verification.message}` }
      : {}),
  };
  const started = summary.startedAt === undefined ? {} : { timestamp: summary.startedAt };
  return [
    `  <testsuite${attrs({ name: suite.name, id: String(options.index), ...counts(suite.cases), ...started })}>`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...suite.cases.map(caseXml),
    '  </testsuite>',
  ];
}

function caseXml(c: Case): string {
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname })}`;
  const element = { failed: 'failure', errored: 'error', waived: 'skipped', skipped: 'skipped', passed: '' }[
    c.verdict
  ];
  if (element === '') return `${open}/>`;
  const body = c.detail === '' ? '/>' : `>${escapeText(c.detail)}</${element}>`;
  return `${open}>\n      <${element}${attrs({ type: c.type, message: c.message })}${body}\n    </testcase>`;
}

function constraintCase(options: { row: ConstraintRow; classname: string }): Case {
  const { row } = options;
  const verdict = rowVerdict(row);
  const last = row.last?.verdict;
  const evidence = (last?.evidence ?? []).map(
    (e) =>
      `${e.path ?? '$'}${e.span ? ` [${e.span[0]}, ${e.span[1]})` : ''}: ${JSON.stringify(e.value) ?? ''}`,
  );
  const about = `${row.kind ?? 'unknown kind'}, ${row.severity ?? 'unknown severity'}, final status ${row.status}`;
  const seqs =
    row.evaluations.length > 0 ? `evaluated at event seq ${row.evaluations.join(', ')}` : 'never evaluated';
  let message = last?.message ?? row.status;
  if (row.waiver) {
    message = `waived: ${row.waiver.reason} (granted by ${row.waiver.granted_by}, expires ${row.waiver.expires})`;
  } else if (verdict === 'waived') {
    message = 'waived';
  } else if (verdict === 'skipped') {
    message = `not applicable: nothing was released from step ${row.step}`;
  }
  return {
    name: row.id,
    classname: options.classname,
    verdict,
    type: row.status,
    message,
    detail: [about, seqs, ...evidence].join('\n'),
  };
}

function outcomeCase(options: { summary: RunSummary; classname: string }): Case {
  const { summary, classname } = options;
  const base = { name: 'outcome', classname, type: summary.outcome, detail: '' };
  switch (summary.outcome) {
    case 'stopped':
      return { ...base, verdict: 'failed', message: 'the run stopped safely; nothing was released' };
    case 'error':
      return {
        ...base,
        verdict: 'errored',
        type: summary.error?.code ?? 'error',
        message: summary.error?.message ?? 'the run ended in an error',
      };
    case 'incomplete':
      return { ...base, verdict: 'errored', message: 'the event log has no run.completed event' };
    default:
      return { ...base, verdict: 'passed', message: summary.outcome };
  }
}

function counts(cases: readonly Case[]): {
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
} {
  const n = (v: RowVerdict[]) => String(cases.filter((c) => v.includes(c.verdict)).length);
  return {
    tests: String(cases.length),
    failures: n(['failed']),
    errors: n(['errored']),
    skipped: n(['waived', 'skipped']),
  };
}

function attrs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
}
