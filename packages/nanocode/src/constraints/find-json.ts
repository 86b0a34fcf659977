/** A balanced JSON object or array found inside a text: `[start, end)` and the parsed value. */
export interface JsonFind {
  start: number;
  end: number;
  value: unknown;
}

/**
 * Finds the first balanced top-level JSON object or array in a text that parses. A single left-to-right
 * scan tracks string literals and escapes, so braces inside strings do not count; no regex is involved.
 * A start whose brackets never balance, or whose span does not parse, moves the scan to the next `{`/`[`.
 * At most {@link FIND_JSON_MAX_STARTS} starts are tried, so the work stays linear in the text length.
 */
export function findJson(options: { text: string }): JsonFind | undefined {
  const { text } = options;
  let from = 0;
  for (let tries = 0; tries < FIND_JSON_MAX_STARTS; tries++) {
    const start = nextOpener({ text, from });
    if (start < 0) return undefined;
    const end = balancedEnd({ text, start });
    if (end >= 0) {
      try {
        return { start, end, value: JSON.parse(text.slice(start, end)) };
      } catch {
        // Not JSON after all (e.g. `{placeholder}` in prose): try the next start.
      }
    }
    from = start + 1;
  }
  return undefined;
}

/** How many `{`/`[` positions {@link findJson} tries before giving up. */
export const FIND_JSON_MAX_STARTS = 64;

function nextOpener(options: { text: string; from: number }): number {
  const brace = options.text.indexOf('{', options.from);
  const bracket = options.text.indexOf('[', options.from);
  if (brace < 0) return bracket;
  if (bracket < 0) return brace;
  return Math.min(brace, bracket);
}

/** The index just after the bracket that closes the one at `start`, or -1 when it never closes. */
function balancedEnd(options: { text: string; start: number }): number {
  const { text } = options;
  const stack: string[] = [];
  let inString = false;
  for (let i = options.start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') stack.push('}');
    else if (char === '[') stack.push(']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}
