import { escapeAttribute, escapeText } from '../evidence/exports/escape-markup.js';
import { RECOVERY_STRATEGIES } from '../spec/outcome.js';
import { type CaseResult, casePassed } from './case-result.js';
import type { EvalSummary } from './eval-aggregator.js';
import type { EvalReportMeta, EvalReportWriter } from './eval-junit-report.js';
import { caseName } from './eval-junit-report.js';
import { openSpooledFile } from './spooled-file.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}.ok{background:#e3f5e1}.bad{background:#fbe0e0}.warn{background:#fff4d6}
.na{color:#999}td.n{text-align:right}code{font-size:12px}`;

const STATUS_CELL: Record<string, { text: string; css: string }> = {
  enforced: { text: '✓', css: 'ok' },
  waived: { text: 'W', css: 'warn' },
  violated: { text: '✗', css: 'bad' },
  unchecked: { text: '?', css: 'warn' },
  not_applicable: { text: '–', css: 'na' },
};

const e = escapeText;

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

function summaryHtml(options: { summary: EvalSummary; meta: EvalReportMeta }): string {
  const { summary: s, meta } = options;
  const rows: Array<[string, string]> = [
    ['workflow', meta.workflow],
    ['dataset', meta.dataset],
    ['cases', String(s.cases)],
    ['passed', `${s.passed} (${percent(s.pass_rate)})`],
    ['unreadable rows skipped', String(s.invalid_rows)],
    [
      'outcomes',
      Object.entries(s.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    [
      'expectations',
      `${s.expectations.met} met, ${s.expectations.failed} failed of ${s.expectations.checked}`,
    ],
    [
      'cases needing each strategy',
      Object.entries(s.strategies)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['tokens', String(s.tokens)],
    [
      'cost (USD)',
      `${s.cost_usd.toFixed(6)}${s.cost_unknown_cases > 0 ? ` + unknown for ${s.cost_unknown_cases} cases` : ''}`,
    ],
    ['duration p50 / p95 / max (ms)', `${s.duration_ms.p50} / ${s.duration_ms.p95} / ${s.duration_ms.max}`],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function constraintsHtml(summary: EvalSummary): string {
  const head = [
    'step',
    'constraint',
    'pass rate',
    'enforced',
    'waived',
    'violated',
    'unchecked',
    'n/a',
    ...RECOVERY_STRATEGIES,
  ];
  const body = summary.constraints.map((c) => {
    const css = c.pass_rate === null ? 'na' : c.pass_rate === 1 ? 'ok' : 'bad';
    const cells = [
      `<td>${e(c.step)}</td><td>${e(c.id)}</td><td class="n ${css}">${percent(c.pass_rate)}</td>`,
      ...[
        c.statuses.enforced,
        c.statuses.waived,
        c.statuses.violated,
        c.statuses.unchecked,
        c.statuses.not_applicable,
      ].map((n) => `<td class="n">${n}</td>`),
      ...RECOVERY_STRATEGIES.map((k) => `<td class="n">${c.strategies[k]}</td>`),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${body.join('\n')}</table>`;
}

/** One row of the cases × constraints matrix. */
export function matrixRow(options: {
  result: CaseResult;
  columns: readonly string[];
  repeated: boolean;
}): string {
  const { result } = options;
  const passed = casePassed(result);
  const expected = result.expected_ok === null ? '' : result.expected_ok ? '✓' : '✗';
  const cells = options.columns.map((key) => {
    const status = result.statuses[key];
    const cell =
      status === undefined ? { text: '', css: 'na' } : (STATUS_CELL[status] ?? { text: status, css: '' });
    return `<td class="${cell.css}" title="${escapeAttribute(`${key}: ${status ?? 'not declared'}`)}">${e(cell.text)}</td>`;
  });
  const title = [
    result.run_id && `run ${result.run_id}`,
    result.error && `${result.error.code} ${result.error.message}`,
    result.expected_message,
  ]
    .filter(Boolean)
    .join('\n');
  return `<tr><td title="${escapeAttribute(title)}">${e(caseName(result, options.repeated))}</td><td class="${passed ? 'ok' : 'bad'}">${e(result.outcome)}</td><td>${expected}</td>${cells.join('')}</tr>`;
}

/**
 * Writes a self-contained HTML report (no scripts, no external resources; every value escaped): the
 * summary, each constraint's pass rate and ladder moves, and a cases × constraints matrix. Rows are
 * spooled as cases finish; the page is assembled once the summary (and so the columns) is known.
 */
export async function openEvalHtmlReport(options: {
  path: string;
  meta: EvalReportMeta;
  repeated: boolean;
}): Promise<EvalReportWriter> {
  const spool = await openSpooledFile({ path: options.path });
  return {
    add: (result) => spool.append(JSON.stringify(result)),
    async finish({ summary }) {
      const columns = summary.constraints.map((c) => c.key);
      const title = `nanocode eval · ${options.meta.workflow}`;
      const head = [
        '<!doctype html>',
        `<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head><body>`,
        `<h1>${e(title)}</h1>`,
        summaryHtml({ summary, meta: options.meta }),
        '<h2>Constraints</h2>',
        constraintsHtml(summary),
        '<h2>Cases</h2>',
        '<p>✓ enforced · W waived · ✗ violated · ? unchecked · – not applicable</p>',
        `<table><tr><th>case</th><th>outcome</th><th>expected</th>${columns.map((key) => `<th>${e(key)}</th>`).join('')}</tr>`,
        '',
      ].join('\n');
      await spool.finish({
        head,
        tail: '</table>\n</body></html>\n',
        transform: (line) =>
          matrixRow({ result: JSON.parse(line) as CaseResult, columns, repeated: options.repeated }),
      });
    },
    discard: () => spool.discard(),
  };
}
