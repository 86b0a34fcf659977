/**
 * A small value that fits a JSON Schema, so that a JSON-mode request answered with the default
 * reply gets JSON of the asked shape: required properties are filled, strings carry `text`.
 * It covers the common keywords (type, properties, required, items, enum, const, anyOf/oneOf);
 * anything else gets `text`.
 */
export function sampleFromSchema(options: { schema: unknown; text: string; depth?: number }): unknown {
  const depth = options.depth ?? 0;
  const schema = options.schema;
  if (typeof schema !== 'object' || schema === null || depth > 8) return options.text;
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    return sampleFromSchema({ schema: alternatives[0], text: options.text, depth: depth + 1 });
  }
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(properties);
      const value: Record<string, unknown> = {};
      for (const key of required) {
        value[key] = sampleFromSchema({
          schema: properties[key] ?? {},
          text: options.text,
          depth: depth + 1,
        });
      }
      return value;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const item = sampleFromSchema({ schema: s.items ?? {}, text: options.text, depth: depth + 1 });
      return Array.from({ length: Math.min(min, 8) }, () => item);
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return options.text;
  }
}
