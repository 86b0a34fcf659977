import type { BudgetDimension } from './events.js';
import type { LadderMove } from './run-model.js';

/** An identifier in words (`not_applicable` → `not applicable`). */
export function words(id: string): string {
  return id.replaceAll('_', ' ');
}

/** Milliseconds as `850 ms` or `2.4 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A dollar amount with enough digits for fractions of a cent; `null` (unknown price) says so. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return 'unknown';
  return `$${usd.toFixed(usd !== 0 && usd < 0.01 ? 6 : 4)}`;
}

/** A budget figure in its dimension's unit. */
export function formatBudget(options: { dimension: BudgetDimension; value: number | null }): string {
  const { dimension, value } = options;
  if (dimension === 'cost_usd') return formatUsd(value);
  if (value === null) return 'unknown';
  if (dimension === 'time_ms') return formatMs(value);
  return value.toLocaleString('en-US');
}

/** What triggered a ladder move, in words: failed constraints, an adapter error, or a budget. */
export function formatTrigger(trigger: LadderMove['trigger']): string {
  const parts: string[] = [];
  if (trigger.constraints !== undefined && trigger.constraints.length > 0) {
    parts.push(
      `failed constraint${trigger.constraints.length === 1 ? '' : 's'} ${trigger.constraints.join(', ')}`,
    );
  }
  if (trigger.error !== undefined) parts.push(`adapter error ${trigger.error}`);
  if (trigger.budget !== undefined) parts.push(`budget ${trigger.budget} exhausted`);
  return parts.length === 0 ? 'no recorded trigger' : parts.join('; ');
}

/** A JSON value for display: strings as they are, anything else pretty-printed. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
