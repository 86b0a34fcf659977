/** The result of {@link toCelValue}: the converted value and the largest collection seen (for cost). */
export interface CelValue {
  value: unknown;
  largestCollection: number;
}

/**
 * Converts JSON-like data for cel-js: integral numbers become `bigint` (CEL `int`), other numbers stay
 * `double`, `undefined` becomes `null`. Also measures the largest list, map or string length, which
 * bounds how many times a comprehension can iterate.
 */
export function toCelValue(options: { value: unknown }): CelValue {
  let largest = 0;
  const convert = (value: unknown): unknown => {
    if (value === undefined) return null;
    if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
    if (typeof value === 'string') {
      largest = Math.max(largest, value.length);
      return value;
    }
    if (Array.isArray(value)) {
      largest = Math.max(largest, value.length);
      return value.map(convert);
    }
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      largest = Math.max(largest, entries.length);
      return Object.fromEntries(entries.map(([key, item]) => [key, convert(item)]));
    }
    return value;
  };
  return { value: convert(options.value), largestCollection: largest };
}

/** Estimated evaluation cost: AST nodes times the largest collection raised to the comprehension nesting. */
export function estimateCelCost(options: {
  nodes: number;
  nesting: number;
  largestCollection: number;
}): number {
  return options.nodes * Math.max(1, options.largestCollection) ** options.nesting;
}
