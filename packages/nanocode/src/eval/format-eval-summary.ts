import { RECOVERY_STRATEGIES } from '../spec/outcome.js';
import type { EvalSummary } from './eval-aggregator.js';

/** A failed case as the console lists it. */
export interface FailedCase {
  name: string;
  line: number;
  type: string;
  message: string;
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

function nonZero(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0);
  return parts.length === 0 ? 'none' : parts.map(([k, n]) => `${k} ${n}`).join(', ');
}

/** The human-readable eval report: totals, each constraint's pass rate and ladder moves, failed cases. */
export function formatEvalSummary(options: {
  summary: EvalSummary;
  workflow: string;
  dataset: string;
  failed: readonly FailedCase[];
}): string {
  const { summary: s } = options;
  const lines = [
    `eval ${options.workflow} over ${options.dataset}: ${s.cases} cases, ${s.passed} passed (${percent(s.pass_rate)})`,
    `outcomes: ${nonZero(s.outcomes)}`,
  ];
  if (s.invalid_rows > 0) lines.push(`unreadable rows skipped: ${s.invalid_rows}`);
  if (s.expectations.checked > 0) {
    lines.push(
      `expectations: ${s.expectations.met} met, ${s.expectations.failed} failed of ${s.expectations.checked}`,
    );
  }
  if (s.constraints.length > 0) {
    lines.push('constraints (pass rate = enforced / applicable; ladder moves they triggered):');
    const width = Math.max(...s.constraints.map((c) => c.key.length));
    for (const c of s.constraints) {
      const moves = RECOVERY_STRATEGIES.filter((k) => c.strategies[k] > 0).map(
        (k) => `${k} ${c.strategies[k]}`,
      );
      lines.push(
        `  ${c.key.padEnd(width)}  ${percent(c.pass_rate).padStart(6)}  ${nonZero(c.statuses)}${moves.length > 0 ? ` · ${moves.join(', ')}` : ''}`,
      );
    }
  }
  lines.push(`cases needing each strategy: ${nonZero(s.strategies)}`);
  const unknown = s.cost_unknown_cases > 0 ? ` (+ unknown for ${s.cost_unknown_cases} cases)` : '';
  lines.push(
    `tokens ${s.tokens} · cost $${s.cost_usd.toFixed(6)}${unknown} · run time p50 ${s.duration_ms.p50} ms, p95 ${s.duration_ms.p95} ms, max ${s.duration_ms.max} ms`,
  );
  if (s.store_errors > 0) lines.push(`runs not stored: ${s.store_errors}`);
  if (options.failed.length > 0) {
    lines.push(
      `failed cases${s.failed > options.failed.length ? ` (first ${options.failed.length} of ${s.failed})` : ''}:`,
    );
    for (const f of options.failed) lines.push(`  ${f.name} (line ${f.line}): ${f.type}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
