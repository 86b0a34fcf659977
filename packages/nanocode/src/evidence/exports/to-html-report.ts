import { escapeAttribute, escapeText } from './escape-markup.js';
import { HTML_REPORT_STYLE } from './html-report-style.js';
import { timelineRows } from './html-timeline.js';
import { rowVerdict } from './row-verdict.js';
import { type ExportInput, type RunSummary, summarizeRun } from './summarize-run.js';

/** Text cell: every value from the run is escaped; markup comes only from this file. */
const t = (value: unknown): string => escapeText(value === undefined ? '' : String(value));

/**
 * Exports a run as one self-contained HTML page for people: outcome badge, verification status, the
 * constraints table, the recovery-ladder timeline, budget and models. It has inline CSS only: no scripts
 * and no external resources. Every value taken from the run is HTML-escaped.
 */
export function toHtmlReport(input: ExportInput): string {
  const summary = summarizeRun(input);
  const { header } = input;
  const title = `nanocode run ${header.run_id} · ${header.workflow.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(title)}</title>
<style>${HTML_REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${t(header.workflow.name)} <span class="mono">v${t(header.workflow.version)}</span></h1>
<p><span class="badge ${escapeAttribute(summary.outcome)}">${t(summary.outcome.replaceAll('_', ' '))}</span></p>
${runFacts(summary)}
</header>
<section id="verification"><h2>Verification</h2>
${verificationBlock(input.verification)}
</section>
<section id="constraints"><h2>Constraints</h2>
${constraintsTable(summary)}
</section>
<section id="timeline"><h2>Ladder timeline</h2>
${timelineTable(input)}
</section>
<section id="budget"><h2>Budget</h2>
${budgetTable(summary)}
</section>
<section id="models"><h2>Models</h2>
${modelsTable(summary)}
</section>
</body>
</html>
`;
}

function runFacts(summary: RunSummary): string {
  const { header } = summary;
  const facts: Array<[string, unknown]> = [
    ['run', header.run_id],
    ['tenant', header.tenant],
    ['profile', header.profile.name],
    ['started', summary.startedAt],
    ['finished', summary.finishedAt ?? 'not finished'],
    ['workflow digest', header.workflow.digest],
    ['config digest', header.config_digest],
    ['framework', `${header.framework.name} ${header.framework.version}`],
  ];
  if (summary.error) facts.push(['error', `${summary.error.code}: ${summary.error.message}`]);
  return `<dl>${facts.map(([k, v]) => `<dt>${t(k)}</dt><dd class="mono">${t(v)}</dd>`).join('')}</dl>`;
}

function verificationBlock(verification: ExportInput['verification']): string {
  if (verification === undefined) {
    return '<p class="verify">Not verified: this report was exported without a verification result.</p>';
  }
  const label = verification.ok ? 'Verified' : 'Verification failed';
  return `<p class="verify ${verification.ok ? 'ok' : 'bad'}"><strong>${label}.</strong> ${t(verification.message)}</p>`;
}

function constraintsTable(summary: RunSummary): string {
  if (summary.constraints.length === 0) return '<p>No constraints were declared.</p>';
  const rows = summary.constraints.map((row) => {
    const waiver = row.waiver
      ? `${row.waiver.reason} (granted by ${row.waiver.granted_by}, expires ${row.waiver.expires})`
      : '';
    return `<tr class="${rowVerdict(row)}"><td class="mono">${t(row.step)}</td><td class="mono">${t(row.id)}</td><td>${t(row.kind ?? '')}</td><td>${t(row.severity ?? '')}</td><td>${t(row.status)}</td><td>${t(row.last?.verdict.message ?? '')}</td><td>${t(waiver)}</td><td class="mono">${t(row.evaluations.join(', '))}</td></tr>`;
  });
  return table(
    ['step', 'constraint', 'kind', 'severity', 'status', 'last verdict', 'waiver', 'events'],
    rows,
  );
}

function timelineTable(input: ExportInput): string {
  const rows = timelineRows(input.events).map(
    (r) =>
      `<tr class="${r.tone}"><td class="mono">${t(r.seq)}</td><td class="mono">${t(r.ts)}</td><td class="mono">${t(r.step)}</td><td>${t(r.what)}</td><td>${t(r.detail)}</td></tr>`,
  );
  return table(['seq', 'time', 'step', 'event', 'detail'], rows);
}

function budgetTable(summary: RunSummary): string {
  const { limits, consumed } = summary;
  const rows = (['attempts', 'tokens', 'cost_usd', 'time_ms'] as const).map(
    (d) => `<tr><td>${d}</td><td>${t(limits?.[d] ?? '')}</td><td>${t(consumed?.[d] ?? '')}</td></tr>`,
  );
  return table(['dimension', 'limit', 'consumed'], rows);
}

function modelsTable(summary: RunSummary): string {
  if (summary.models.length === 0) return '<p>No model was called.</p>';
  const rows = summary.models.map(
    (m) =>
      `<tr><td class="mono">${t(m.adapter)}</td><td class="mono">${t(m.model)}</td><td>${t(m.attempts)}</td><td>${t(m.input_tokens)}</td><td>${t(m.output_tokens)}</td><td>${t(roundCost(m.cost_usd))}</td></tr>`,
  );
  return table(['adapter', 'model', 'attempts', 'input tokens', 'output tokens', 'cost (USD)'], rows);
}

/** Sums of float prices pick up binary noise (0.1 + 0.2); twelve significant digits are plenty for USD. */
function roundCost(usd: number): number {
  return Number(usd.toPrecision(12));
}

function table(head: readonly string[], rows: readonly string[]): string {
  const th = head.map((h) => `<th>${t(h)}</th>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
