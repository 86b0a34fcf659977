const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Merges a child profile over its parent: mappings merge key by key, lists concatenate (parent first,
 * repeated entries once), and any other child value replaces the parent's.
 */
export function mergeProfiles(options: { parent: unknown; child: unknown }): unknown {
  const { parent, child } = options;
  if (child === undefined) return parent;
  if (Array.isArray(parent) && Array.isArray(child)) {
    const seen = new Set<string>();
    return [...parent, ...child].filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (isRecord(parent) && isRecord(child)) {
    const merged: Record<string, unknown> = { ...parent };
    for (const [key, value] of Object.entries(child))
      merged[key] = mergeProfiles({ parent: parent[key], child: value });
    return merged;
  }
  return child;
}
