import { canonicalJson } from './canonical-json.js';

/** A path to one leaf (or empty container) of a JSON value. */
export type JsonPath = Array<string | number>;

/** Every leaf path of a JSON value, depth first, in key order. Empty objects and arrays count as leaves. */
export function leafPaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [prefix] : value.flatMap((item, i) => leafPaths(item, [...prefix, i]));
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return [prefix];
    return keys.flatMap((key) => leafPaths((value as Record<string, unknown>)[key], [...prefix, key]));
  }
  return [prefix];
}

/** Sets (or, with `remove`, deletes) the member at `path` of a JSON value in place. */
export function setAt(options: { root: unknown; path: JsonPath; value?: unknown; remove?: boolean }): void {
  const { path } = options;
  let node = options.root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (options.remove && !Array.isArray(node)) delete node[last];
  else node[last] = options.value;
}

/** The value at `path`. */
export function getAt(root: unknown, path: JsonPath): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node;
}

/** `replacement`, or a value guaranteed to differ from `original` when they are the same JSON. */
export function differentFrom(original: unknown, replacement: unknown): unknown {
  return canonicalJson(original) === canonicalJson(replacement)
    ? `${JSON.stringify(original)}~`
    : replacement;
}

/** Replaces the character at `index` of `text` with a different one from `alphabet`. */
export function replaceChar(options: {
  text: string;
  index: number;
  pick: number;
  alphabet: string;
}): string {
  const { text, alphabet } = options;
  if (text.length === 0) return alphabet[0] as string;
  const at = options.index % text.length;
  const choices = [...alphabet].filter((c) => c !== text[at]);
  return text.slice(0, at) + choices[options.pick % choices.length] + text.slice(at + 1);
}

/** Index of the first event that differs between two lists (or the shorter length). */
export function firstChangedIndex(a: readonly unknown[], b: readonly unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (canonicalJson(a[i]) !== canonicalJson(b[i])) return i;
  return length;
}
