import type { z } from 'zod';
import type { ConfigPath } from './source-document.js';

type Schema = z.core.$ZodType;

// The few parts of zod 4's schema definitions that navigation needs.
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  innerType?: Schema;
  in?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch']);

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function pickOption(
  options: Schema[],
  value: unknown,
  discriminator: string | undefined,
): Schema | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return options.find((option) => {
    const shape = defOf(unwrap(option)).shape;
    if (!shape) return false;
    if (discriminator) {
      const literal = shape[discriminator];
      return literal !== undefined && (defOf(unwrap(literal)).values ?? []).includes(record[discriminator]);
    }
    // Single-key unions (recovery rungs): the option that has the key the value has.
    return Object.keys(record).some((key) => key in shape);
  });
}

function resolveUnions(schema: Schema, value: unknown): Schema | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== 'union' || !def.options) return inner;
  const picked = pickOption(def.options, value, def.discriminator);
  return picked ? resolveUnions(picked, value) : undefined;
}

/** The schema that validates the value at `path`, following the value through unions. */
export function schemaAt(options: { schema: Schema; path: ConfigPath; value: unknown }): Schema | undefined {
  let schema: Schema | undefined = options.schema;
  let value = options.value;
  for (const segment of options.path) {
    if (!schema) return undefined;
    schema = resolveUnions(schema, value);
    if (!schema) return undefined;
    const def = defOf(schema);
    if (def.type === 'object') schema = def.shape?.[String(segment)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[String(segment)]
        : undefined;
  }
  return schema ? resolveUnions(schema, value) : undefined;
}

/** The keys an object schema at `path` knows, for "did you mean" hints. */
export function knownKeysAt(options: { schema: Schema; path: ConfigPath; value: unknown }): string[] {
  const schema = schemaAt(options);
  const shape = schema ? defOf(schema).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

/** The option names of a union at `path` that are objects with one key, e.g. recovery strategies. */
export function unionKeysAt(options: { schema: Schema; path: ConfigPath }): string[] {
  let schema: Schema | undefined = options.schema;
  for (const segment of options.path) {
    if (!schema) return [];
    const def = defOf(unwrap(schema));
    if (def.type === 'object') schema = def.shape?.[String(segment)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return [];
  }
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  return (def.options ?? []).flatMap((option) => Object.keys(defOf(unwrap(option)).shape ?? {}));
}
