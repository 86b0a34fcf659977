import { z } from 'zod';

/** Fields every constraint has, whatever its kind. Defaults are filled in by the loader and shown resolved. */
export const constraintCommonShape = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'ids are letters, digits, `_`, `-` and `.`')
    .describe('Unique id of the constraint within its step.'),
  severity: z
    .enum(['hard', 'soft'])
    .default('hard')
    .describe('hard blocks release; soft is recorded as violated.'),
  on_error: z
    .enum(['fail_closed', 'fail_open'])
    .default('fail_closed')
    .describe('What an evaluation error means: a failure (fail_closed) or unchecked (fail_open).'),
  stage: z.enum(['input', 'output']).default('output').describe('Check the run inputs or the step output.'),
  feedback: z
    .string()
    .optional()
    .describe('Message sent back to the model on retry; defaults to the verdict message.'),
  field: z
    .string()
    .optional()
    .describe('Dot path into the JSON output (or input, for the input stage) to check, e.g. `answer`.'),
  description: z.string().optional(),
};

const lengthUnit = z.enum(['chars', 'words', 'sentences', 'lines', 'tokens']).default('chars');
const piiType = z.enum(['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip']);

/** The parameters of each constraint kind, keyed by kind. Validated at load time. */
export const constraintParamShapes = {
  json_schema: {
    schema: z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12 subset, ajv).'),
  },
  regex: {
    pattern: z.string(),
    flags: z
      .string()
      .regex(/^[ims]*$/)
      .default(''),
  },
  not_regex: {
    pattern: z.string(),
    flags: z
      .string()
      .regex(/^[ims]*$/)
      .default(''),
  },
  contains: { value: z.string(), case_sensitive: z.boolean().default(true) },
  contains_any: { values: z.array(z.string()).min(1), case_sensitive: z.boolean().default(true) },
  contains_all: { values: z.array(z.string()).min(1), case_sensitive: z.boolean().default(true) },
  not_contains: { values: z.array(z.string()).min(1), case_sensitive: z.boolean().default(true) },
  equals: { value: z.unknown() },
  one_of: { values: z.array(z.unknown()).min(1) },
  min_length: { value: z.number().int().nonnegative(), unit: lengthUnit },
  max_length: { value: z.number().int().nonnegative(), unit: lengthUnit },
  min_words: { value: z.number().int().nonnegative() },
  max_words: { value: z.number().int().nonnegative() },
  starts_with: { value: z.string(), case_sensitive: z.boolean().default(true) },
  ends_with: { value: z.string(), case_sensitive: z.boolean().default(true) },
  is_json: {},
  contains_json: {},
  levenshtein: {
    value: z.string().describe('The expected text.'),
    max: z.number().int().nonnegative().describe('Largest edit distance that still passes.'),
  },
  pii: { types: z.array(piiType).min(1).default(['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip']) },
  quotes_in: {
    source: z.string().describe('The text quotes must come from; may use `{{ }}` placeholders.'),
    case_sensitive: z.boolean().default(false),
  },
  grounded: {
    source: z.string().describe('The text quoted spans ("...") in the output must come from.'),
    case_sensitive: z.boolean().default(false),
  },
  language: {
    value: z.union([z.string(), z.array(z.string()).min(1)]).describe('ISO 639-1 or 639-3 codes.'),
  },
  url_valid: {
    require_https: z.boolean().default(false),
    allow_hosts: z.array(z.string()).optional(),
  },
  code_block: { language: z.string().optional() },
  latency_ms: { max: z.number().nonnegative() },
  cost_usd: { max: z.number().nonnegative() },
  tokens: { max: z.number().int().nonnegative() },
  expr: { expr: z.string().min(1).describe('A CEL expression over input, output, usage, attempt and step.') },
  judge: {
    model: z.string().describe('Adapter reference of the grading model.'),
    rubric: z.string().min(1),
    threshold: z.number().min(0).max(1).default(0.5),
  },
  custom: { name: z.string().min(1).describe('Name of a function or Standard Schema registered in code.') },
} as const;

/** A constraint kind. */
export type ConstraintKind = keyof typeof constraintParamShapes;
/** Every constraint kind. */
export const CONSTRAINT_KINDS = Object.keys(constraintParamShapes) as ConstraintKind[];

type KindShape<K extends ConstraintKind> = typeof constraintCommonShape & {
  kind: z.ZodLiteral<K>;
  negate: z.ZodDefault<z.ZodBoolean>;
} & (typeof constraintParamShapes)[K];
type KindObject<K extends ConstraintKind> =
  KindShape<K> extends infer S extends z.core.$ZodShape ? z.ZodObject<S, z.core.$strict> : never;

function kindSchema<K extends ConstraintKind>(kind: K): KindObject<K> {
  return z.strictObject({
    ...constraintCommonShape,
    kind: z.literal(kind),
    negate: z.boolean().default(false).describe('Set by `not:`; inverts pass and fail.'),
    ...constraintParamShapes[kind],
  }) as unknown as KindObject<K>;
}

type AnyKindObject = { [K in ConstraintKind]: KindObject<K> }[ConstraintKind];

const kindSchemas = CONSTRAINT_KINDS.map((kind) => kindSchema(kind));

/** A resolved constraint: one kind, its params, and every common field with defaults filled. */
export const constraintSchema = z.discriminatedUnion(
  'kind',
  kindSchemas as unknown as [AnyKindObject, ...AnyKindObject[]],
);
/** A resolved constraint of one kind `K`, with its params typed. */
export type ConstraintOf<K extends ConstraintKind> = z.output<KindObject<K>>;
/** A resolved constraint (output of {@link constraintSchema}): a union discriminated by `kind`. */
export type Constraint = { [K in ConstraintKind]: ConstraintOf<K> }[ConstraintKind];
