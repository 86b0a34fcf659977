import { findCodeBlocks } from '../constraints/find-code-blocks.js';
import { findJson } from '../constraints/find-json.js';
import { detectPii } from '../constraints/pii/detect-pii.js';
import { PII_TYPES } from '../constraints/pii/pii-type.js';

/** Unwraps a text that is one fenced block; otherwise drops the fence lines and keeps their contents. */
export function stripCodeFences(options: { text: string }): string {
  const trimmed = options.text.trim();
  const blocks = findCodeBlocks({ text: trimmed });
  if (blocks.length === 0) return options.text;
  const lines = trimmed.split('\n');
  const fenceLines = new Set<number>();
  let offset = 0;
  for (const [index, line] of lines.entries()) {
    if (blocks.some((b) => b.start === offset || b.end === offset + line.length)) fenceLines.add(index);
    offset += line.length + 1;
  }
  return lines.filter((_, index) => !fenceLines.has(index)).join('\n');
}

/** The first balanced JSON object or array in the text, verbatim; the text unchanged when there is none. */
export function extractJson(options: { text: string }): string {
  const found = findJson({ text: options.text });
  return found === undefined ? options.text : options.text.slice(found.start, found.end);
}

/** Cuts the text to at most `maxChars` code points, never splitting a surrogate pair. */
export function truncateText(options: { text: string; maxChars: number }): string {
  const points = Array.from(options.text);
  return points.length <= options.maxChars ? options.text : points.slice(0, options.maxChars).join('');
}

/** Replaces every detected piece of personal data with `[REDACTED:<type>]` (detectors from constraints/). */
export function redactPii(options: { text: string }): string {
  const matches = detectPii({ text: options.text, types: PII_TYPES });
  let out = options.text;
  // Right to left, so earlier offsets stay valid while replacing.
  for (const match of matches.reverse()) {
    out = `${out.slice(0, match.start)}[REDACTED:${match.type}]${out.slice(match.end)}`;
  }
  return out;
}
