/** A quoted span in a text: the inner text and its `[start, end)` (quotes excluded). */
export interface QuotedSpan {
  text: string;
  start: number;
  end: number;
}

const CLOSERS: Record<string, string> = {
  '"': '"',
  '\u201c': '\u201d',
  '\u201e': '\u201c',
  '\u00ab': '\u00bb',
};

/**
 * Finds spans in straight (`"..."`), curly (`“...”`), low-high (`„...“`) or guillemet (`«...»`) quotes
 * by a single scan. Spans shorter than `min_chars` (after trimming) are skipped: a quoted `"a"` is not a
 * claim about a source.
 */
export function findQuotedSpans(options: { text: string; min_chars: number }): QuotedSpan[] {
  const { text } = options;
  const spans: QuotedSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const closer = CLOSERS[text.charAt(i)];
    if (closer === undefined) {
      i++;
      continue;
    }
    const end = text.indexOf(closer, i + 1);
    if (end < 0) break;
    const inner = text.slice(i + 1, end);
    if (inner.trim().length >= options.min_chars) spans.push({ text: inner, start: i + 1, end });
    i = end + 1;
  }
  return spans;
}
