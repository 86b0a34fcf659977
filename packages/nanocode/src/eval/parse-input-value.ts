/**
 * A text value read as a workflow input, the same way for `nanocode run --input key=value` and a CSV
 * dataset's cells: JSON objects, arrays, numbers and booleans are parsed; anything else (including
 * `null` and quoted JSON strings) stays the literal string, so `Ada` needs no quoting.
 */
export function parseInputValue(options: { raw: string }): unknown {
  const { raw } = options;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'number' || typeof parsed === 'boolean') return parsed;
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // Not JSON: a plain string.
  }
  return raw;
}
