import type { RunPredicate } from '../spec/certificate.js';

/** Left-aligned columns, two spaces apart: the rows of a plain-text table. */
export function formatTable(options: { header: string[]; rows: string[][] }): string[] {
  const all = [options.header, ...options.rows];
  const widths = options.header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function money(value: number): string {
  return `$${value.toFixed(4)}`;
}

/** Which policy the run's profile came from, as the predicate states it. */
function describePolicy(predicate: RunPredicate): string {
  const { policy } = predicate;
  if (policy === undefined) return 'not recorded (a run from before policies were recorded)';
  if (policy.source === 'files') return "files (the project's profile files; no API-managed policy)";
  return `API-managed version ${policy.version} (${policy.digest})`;
}

/**
 * The human summary of a run predicate: identity and outcome, a constraints table with statuses, the
 * recovery moves, the budget and the models. Every figure is the signed one, nothing recomputed.
 */
export function formatPredicate(options: { predicate: RunPredicate; keyids: string[] }): string[] {
  const p = options.predicate;
  const lines = [
    `run ${p.run_id} · ${p.workflow.name} v${p.workflow.version} · profile ${p.profile.name} · tenant ${p.tenant}`,
    `policy: ${describePolicy(p)}`,
    `outcome: ${p.outcome}${p.error ? ` (${p.error.code}: ${p.error.message})` : ''}`,
    `started ${p.started_at} · finished ${p.finished_at}`,
    `signed by ${options.keyids.join(', ') || '(no signature)'}`,
    '',
    'constraints',
  ];
  const rows = p.constraints.map((c) => [
    c.step,
    c.id,
    c.kind ?? '-',
    c.severity ?? '-',
    c.status,
    c.verdict ?? '-',
    c.waiver ? `${c.waiver.reason} (by ${c.waiver.granted_by}, expires ${c.waiver.expires})` : '',
    c.evidence.join(','),
  ]);
  const header = ['step', 'id', 'kind', 'severity', 'status', 'verdict', 'waiver', 'evidence seq'];
  lines.push(
    ...(rows.length === 0 ? ['  (none declared)'] : formatTable({ header, rows }).map((l) => `  ${l}`)),
  );
  lines.push('', 'recovery');
  if (p.recovery.length === 0) lines.push('  (no moves)');
  for (const move of p.recovery) {
    const trigger = [...(move.trigger.constraints ?? []), move.trigger.error, move.trigger.budget]
      .filter((t) => t !== undefined)
      .join(', ');
    lines.push(
      `  seq ${move.seq}  ${move.step}  ${move.strategy} ${move.from} → ${move.to} (trigger: ${trigger})`,
    );
  }
  const { limits, consumed } = p.budget;
  lines.push(
    '',
    'budget (consumed / limit)',
    `  attempts ${consumed.attempts}/${limits.attempts} · tokens ${consumed.tokens}/${limits.tokens} · cost ${money(consumed.cost_usd)}/${money(limits.cost_usd)} · time ${consumed.time_ms}/${limits.time_ms} ms`,
    '',
    'models',
  );
  if (p.models.length === 0) lines.push('  (no model calls)');
  const modelRows = p.models.map((m) => [
    m.adapter,
    m.model,
    String(m.attempts),
    String(m.input_tokens),
    String(m.output_tokens),
    m.cost_usd === null ? 'unknown' : money(m.cost_usd),
  ]);
  if (modelRows.length > 0) {
    const modelHeader = ['adapter', 'model', 'attempts', 'input tokens', 'output tokens', 'cost'];
    lines.push(...formatTable({ header: modelHeader, rows: modelRows }).map((l) => `  ${l}`));
  }
  lines.push('', `events: ${p.events.count}, head ${p.events.head}`);
  if (p.outputs.digest !== undefined) lines.push(`output: ${p.outputs.digest}`);
  return lines;
}
