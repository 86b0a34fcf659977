import type { REPAIR_FIXES } from '../spec/workflow.js';
import { extractJson, redactPii, stripCodeFences, truncateText } from './repairs-fixes.js';

/** A deterministic repair the ladder's `repair` rung can apply. */
export type RepairFix = (typeof REPAIR_FIXES)[number];

/** The `truncate` length when `maxChars` is not given, in code points. */
export const DEFAULT_TRUNCATE_CHARS = 4000;

/** The result of {@link applyRepairs}. */
export interface RepairResult {
  text: string;
  /** The fixes that changed the text, in the order they ran. */
  applied: RepairFix[];
  changed: boolean;
}

/**
 * Applies fixes to an output text, in the order given. Pure and deterministic, so a replayed run repairs
 * the same way:
 * - `strip_code_fences`: unwraps a text that is one fenced block, else removes fence lines;
 * - `extract_json`: keeps the first balanced JSON object or array (string-aware scan);
 * - `truncate`: cuts to `maxChars` code points ({@link DEFAULT_TRUNCATE_CHARS} when not given);
 * - `redact_pii`: replaces detected email, phone, card, IBAN, SSN and IP with `[REDACTED:<type>]`;
 * - `trim`: removes leading and trailing whitespace.
 */
export function applyRepairs(options: {
  fixes: readonly RepairFix[];
  text: string;
  maxChars?: number;
}): RepairResult {
  const maxChars = options.maxChars ?? DEFAULT_TRUNCATE_CHARS;
  let text = options.text;
  const applied: RepairFix[] = [];
  for (const fix of options.fixes) {
    const next = applyOne({ fix, text, maxChars });
    if (next !== text) applied.push(fix);
    text = next;
  }
  return { text, applied, changed: text !== options.text };
}

function applyOne(options: { fix: RepairFix; text: string; maxChars: number }): string {
  switch (options.fix) {
    case 'strip_code_fences':
      return stripCodeFences(options);
    case 'extract_json':
      return extractJson(options);
    case 'truncate':
      return truncateText(options);
    case 'redact_pii':
      return redactPii(options);
    case 'trim':
      return options.text.trim();
  }
}
