/** Where two JSON values first differ: a dotted path (`constraints.0.status`), empty for the root. */
export interface JsonDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The first place, in key order, where `actual` differs from `expected`; undefined when they are the
 * same JSON. Both are plain JSON values (from JSON.parse or built in code).
 */
export function firstDifference(options: { expected: unknown; actual: unknown }): JsonDifference | undefined {
  return walk(options.expected, options.actual, []);
}

function walk(expected: unknown, actual: unknown, path: string[]): JsonDifference | undefined {
  const here = (): JsonDifference => ({ path: path.join('.'), expected, actual });
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return here();
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) {
      if (index >= expected.length || index >= actual.length) {
        return { path: [...path, String(index)].join('.'), expected: expected[index], actual: actual[index] };
      }
      const found = walk(expected[index], actual[index], [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(expected) || isRecord(actual)) {
    if (!isRecord(expected) || !isRecord(actual)) return here();
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const found = walk(expected[key], actual[key], [...path, key]);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0) ? undefined : here();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
