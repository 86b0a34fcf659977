/**
 * Reads a dot path like `output.text` or `choices.0.text` from parsed JSON. Returns undefined when
 * any segment is missing. Only own properties are read.
 */
export function readPath(options: { value: unknown; path: string }): unknown {
  let node = options.value;
  for (const segment of options.path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
