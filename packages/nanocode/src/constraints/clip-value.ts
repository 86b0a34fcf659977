/** The longest value, in characters, that evidence carries. */
export const EVIDENCE_VALUE_MAX_CHARS = 200;

/**
 * Shortens a value for evidence so verdicts stay small: strings and the JSON form of objects longer than
 * {@link EVIDENCE_VALUE_MAX_CHARS} are cut and end in `…`. Numbers, booleans and null pass unchanged.
 */
export function clipValue(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : safeStringify(value);
  if (text.length <= EVIDENCE_VALUE_MAX_CHARS) return typeof value === 'string' ? value : value;
  return `${text.slice(0, EVIDENCE_VALUE_MAX_CHARS - 1)}…`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
