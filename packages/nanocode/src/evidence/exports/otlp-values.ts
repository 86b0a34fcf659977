import { sha256Hex } from '../digest.js';

/** An OTLP `AnyValue` in proto-JSON form (64-bit integers are decimal strings). */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } };

/** An OTLP `KeyValue` attribute. */
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

/** An attribute value to encode: strings and booleans as they are; numbers say whether they are integers. */
export type AttributeInput = string | boolean | string[] | { int: number } | { double: number };

/** Encodes attributes in the order given, leaving out `undefined` ones. */
export function otlpAttributes(entries: Record<string, AttributeInput | undefined>): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) out.push({ key, value: anyValue(value) });
  }
  return out;
}

function anyValue(value: AttributeInput): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if ('int' in value) return { intValue: String(Math.trunc(value.int)) };
  return { doubleValue: value.double };
}

/** The 16-byte trace id (32 lower-case hex) of a run: the same run always maps to the same trace. */
export function traceIdOf(runId: string): string {
  return sha256Hex(`nanocode.trace\u0000${runId}`).slice(0, 32);
}

/** The 8-byte span id (16 lower-case hex) of the span that starts at event `seq` of a run. */
export function spanIdOf(options: { runId: string; seq: number }): string {
  return sha256Hex(`nanocode.span\u0000${options.runId}\u0000${options.seq}`).slice(0, 16);
}

/** An ISO-8601 timestamp as Unix nanoseconds, a decimal string as proto-JSON writes `fixed64`. */
export function unixNanos(ts: string | undefined): string {
  const ms = ts === undefined ? Number.NaN : Date.parse(ts);
  return Number.isFinite(ms) ? (BigInt(ms) * 1_000_000n).toString() : '0';
}
