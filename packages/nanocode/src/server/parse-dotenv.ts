/**
 * Parses `.env` text: `NAME=value` lines, an optional `export ` prefix, `#` comments, and values in
 * single or double quotes (double quotes understand `\n`, `\"` and `\\`). Nothing is interpolated and
 * nothing is executed; lines that are not assignments are ignored.
 */
export function parseDotenv(options: { text: string }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of options.text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (match === null) continue;
    const [, name = '', rest = ''] = match;
    values[name] = parseValue(rest);
  }
  return values;
}

function parseValue(rest: string): string {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = closingQuote({ rest, quote });
    const inner = end === -1 ? rest.slice(1) : rest.slice(1, end);
    if (quote === "'") return inner;
    return inner.replace(/\\(["\\n])/g, (_, ch: string) => (ch === 'n' ? '\n' : ch));
  }
  // Unquoted: a ` #` starts a comment.
  return rest.replace(/\s+#.*$/, '').trim();
}

/** The index of the quote closing `rest[0]`; in double quotes a backslash escapes the next character. */
function closingQuote(options: { rest: string; quote: string }): number {
  const { rest, quote } = options;
  if (quote === "'") return rest.indexOf(quote, 1);
  for (let i = 1; i < rest.length; i++) {
    if (rest[i] === '\\') i += 1;
    else if (rest[i] === quote) return i;
  }
  return -1;
}
