/** The result of {@link selectField}: the value found, or where it was missing. */
export type FieldSelection = { found: true; value: unknown; path: string } | { found: false; path: string };

/**
 * Follows a dot path (`answer`, `items.0.name`) into a JSON value. Numeric segments index arrays.
 * `path` is the JSONPath-like form used in evidence: `$.answer`, `$.items[0].name`, or `$` for no field.
 */
export function selectField(options: { root: unknown; field: string | undefined }): FieldSelection {
  const { root, field } = options;
  if (field === undefined || field === '') return { found: true, value: root, path: '$' };
  let value: unknown = root;
  let path = '$';
  for (const segment of field.split('.')) {
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (Array.isArray(value) && index !== undefined) {
      path += `[${index}]`;
      if (index >= value.length) return { found: false, path };
      value = value[index];
      continue;
    }
    path += `.${segment}`;
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      !Object.hasOwn(value, segment)
    ) {
      return { found: false, path };
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return { found: true, value, path };
}

/** Joins a base evidence path (`$.answer`) and a JSON pointer from a validator (`/quotes/0`). */
export function joinPointer(options: { base: string; pointer: string }): string {
  if (options.pointer === '') return options.base;
  let path = options.base;
  for (const raw of options.pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}
