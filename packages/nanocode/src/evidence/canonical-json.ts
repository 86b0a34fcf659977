import { NanocodeError } from '../spec/errors.js';

// With the `u` flag a surrogate range only matches surrogates that are not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Serializes a JSON value in RFC 8785 (JCS) canonical form: object keys sorted by UTF-16 code units, no
 * whitespace, numbers as ECMAScript `Number.prototype.toString`, strings escaped as `JSON.stringify` does.
 *
 * Evidence shapes are controlled, so this serializer accepts only plain JSON: `null`, booleans, finite
 * numbers, well-formed strings, arrays and plain objects. Object members whose value is `undefined` are
 * skipped (as JSON does). Everything else (NaN, Infinity, lone surrogates, `undefined` inside arrays,
 * bigint, symbols, functions, class instances such as `Date`, and cycles) throws `NC_EVIDENCE_NOT_JSON`,
 * because guessing a representation would make two different values hash alike.
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value, 0);
  } catch (error) {
    if (error !== BAIL) throw error;
    // The careful path finds the offending member and reports where it is.
    return serialize(value, [], new Set());
  }
}

/** Thrown by the fast path when a value needs the careful path (to be rejected with its location). */
const BAIL = Symbol('bail');
/** Deeper than any event we build; deeper values take the careful path, which detects cycles. */
const FAST_MAX_DEPTH = 64;

/**
 * The hot path: events are plain JSON built by our own code, so this skips path tracking and cycle
 * sets, and bails to `serialize` on anything unusual. Output is identical (a property test checks it).
 */
function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw BAIL;
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw BAIL;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth > FAST_MAX_DEPTH) throw BAIL;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) throw BAIL;
          out += (i === 0 ? '' : ',') + fast(item, depth + 1);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw BAIL;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        if (!key.isWellFormed()) throw BAIL;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${fast(member, depth + 1)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw BAIL;
  }
}

function serialize(value: unknown, path: string[], open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw notJson(path, 'a string contains a lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, `${value} is not a JSON number`);
      // JSON.stringify of a finite number is Number::toString, which is what JCS prescribes (-0 gives "0").
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (open.has(value)) throw notJson(path, 'the value contains a cycle');
      open.add(value);
      try {
        return Array.isArray(value) ? serializeArray(value, path, open) : serializeObject(value, path, open);
      } finally {
        open.delete(value);
      }
    default:
      throw notJson(path, `a ${typeof value} is not a JSON value`);
  }
}

function serializeArray(items: unknown[], path: string[], open: Set<object>): string {
  const parts: string[] = [];
  for (let index = 0; index < items.length; index++) {
    path.push(String(index));
    // A hole or `undefined` would silently become `null`; refuse it instead.
    if (items[index] === undefined) throw notJson(path, 'an array holds undefined');
    parts.push(serialize(items[index], path, open));
    path.pop();
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(object: object, path: string[], open: Set<object>): string {
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw notJson(path, `a ${object.constructor?.name ?? 'class'} instance is not a plain object`);
  }
  const record = object as Record<string, unknown>;
  // The default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(record).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    path.push(key);
    if (LONE_SURROGATE.test(key)) throw notJson(path, 'a key contains a lone surrogate');
    parts.push(`${JSON.stringify(key)}:${serialize(member, path, open)}`);
    path.pop();
  }
  return `{${parts.join(',')}}`;
}

function notJson(path: string[], reason: string): NanocodeError {
  const pointer = path.map((part) => `/${part.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  return new NanocodeError({
    code: 'NC_EVIDENCE_NOT_JSON',
    message: `Cannot canonicalize the value at "${pointer}": ${reason}.`,
    details: { path: pointer },
  });
}
