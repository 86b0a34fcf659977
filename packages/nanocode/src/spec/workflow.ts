import { z } from 'zod';
import { constraintSchema } from './constraint-kinds.js';

/**
 * A model reference: `provider:model` (e.g. `openai:gpt-4o-mini`, `scripted:demo`) or the name of a
 * model alias declared in the profile's `models` (e.g. `fast`).
 */
export const modelRefSchema = z
  .string()
  .regex(
    /^(?:[a-z][a-z0-9_-]*:[^\s]+|[A-Za-z_][A-Za-z0-9_-]*)$/,
    'a model reference is `provider:model`, e.g. `openai:gpt-4o-mini`, or a model alias from the profile',
  );

/** A `provider:model` reference, as a model alias's `ref` must be. */
export const providerModelRefSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*:[^\s]+$/, 'a model reference is `provider:model`, e.g. `openai:gpt-4o-mini`');

/** Names of steps and inputs: usable as one segment of a `{{ steps.<id>.output }}` placeholder. */
export const idKeySchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'names are a letter or `_`, then letters, digits, `_` or `-`');

/** Deterministic repairs the ladder can apply. */
export const REPAIR_FIXES = ['strip_code_fences', 'extract_json', 'truncate', 'redact_pii', 'trim'] as const;

/** Budget over the whole run; every strategy draws on it. */
export const budgetSchema = z.strictObject({
  attempts: z.number().int().positive().default(6),
  tokens: z.number().int().positive().default(20_000),
  cost_usd: z.number().nonnegative().default(0.05),
  time_ms: z.number().int().positive().default(30_000),
});

/**
 * A profile's budget limits. Each one given tightens the workflow's (the stricter applies); none has a
 * default, so a profile never loosens or silently sets a limit.
 */
export const budgetOverrideSchema = z.strictObject({
  attempts: z.number().int().positive().optional(),
  tokens: z.number().int().positive().optional(),
  cost_usd: z.number().nonnegative().optional(),
  time_ms: z.number().int().positive().optional(),
});

/** One rung of the recovery ladder. Each is an object with exactly one key. */
export const recoveryRungSchema = z.union([
  z.strictObject({
    retry: z.strictObject({
      max: z.number().int().min(0).max(10).default(2),
      feedback: z.boolean().default(true),
      backoff_ms: z
        .number()
        .int()
        .min(0)
        .max(60_000)
        .default(200)
        .describe(
          'Base wait before retrying a retryable adapter error (doubles each time) unless Retry-After says more.',
        ),
    }),
  }),
  z.strictObject({ repair: z.array(z.enum(REPAIR_FIXES)).min(1) }),
  z.strictObject({ fallback: z.strictObject({}) }),
  z.strictObject({
    degrade: z.strictObject({
      output: z.unknown().optional().describe('A declared answer to release.'),
      step: z.string().optional().describe('Id of a declared simpler step (in `degrade_steps`).'),
    }),
  }),
  z.strictObject({ stop: z.strictObject({}) }),
]);

/** A resolved prompt: template fragments joined, `{{ }}` placeholders left for render time. */
export const promptSchema = z.strictObject({
  system: z.string().optional().describe('System message; may use `{{ }}` placeholders.'),
  user: z.string().describe('User message; may use `{{ }}` placeholders.'),
});

/** One step. Exactly one of `model` or `function`. */
export const stepSchema = z.strictObject({
  model: z.array(modelRefSchema).min(1).optional().describe('Adapters in fallback order.'),
  function: z.string().optional().describe('Name of a function registered in code.'),
  args: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Arguments of a function step; strings may use `{{ }}`.'),
  prompt: promptSchema.optional(),
  output: z.enum(['text', 'json']).default('text'),
  release: z
    .enum(['after_checks', 'pass_through'])
    .default('after_checks')
    .describe(
      'after_checks buffers the output and releases it only once hard constraints hold; pass_through streams it to the caller as it arrives (when the caller streams), so its constraints are checked after release and cannot block it.',
    ),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).optional(),
  constraints: z.array(constraintSchema).default([]),
  recovery: z
    .array(recoveryRungSchema)
    .min(1)
    .default([{ stop: {} }])
    .describe('The recovery ladder, tried in order when a hard constraint fails or an adapter errors.'),
});

/** A run input declaration: a small JSON Schema. */
export const inputSchema = z.record(z.string(), z.unknown());

/** Scripted responses: `scripted.<model>.<step>[attempt]`. For demos and tests only. */
export const scriptedResponseSchema = z.union([
  z.strictObject({
    text: z.string(),
    usage: z.strictObject({ input_tokens: z.number().int(), output_tokens: z.number().int() }).optional(),
    latency_ms: z.number().nonnegative().optional(),
    cost_usd: z.number().nonnegative().optional(),
    finish_reason: z.enum(['stop', 'length', 'content_filter']).optional(),
  }),
  z.strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string().optional(),
      status: z.number().int().optional(),
      retryable: z.boolean().optional(),
      retry_after_ms: z.number().int().nonnegative().optional(),
    }),
  }),
]);

/** A resolved workflow: templates expanded, defaults filled. */
export const workflowSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('workflow').default('workflow'),
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i),
  version: z.union([z.string(), z.number()]).transform((v) => String(v)),
  description: z.string().optional(),
  inputs: z.record(idKeySchema, inputSchema).default({}),
  /** Run-level input-stage constraints. */
  constraints: z.array(constraintSchema).default([]),
  steps: z.record(idKeySchema, stepSchema),
  degrade_steps: z.record(idKeySchema, stepSchema).default({}),
  /** Which step's released output is the run's result; defaults to the last step in DAG order. */
  result: z.string().optional(),
  budget: budgetSchema.prefault({}),
  scripted: z.record(z.string(), z.record(z.string(), z.array(scriptedResponseSchema))).optional(),
});
/** A resolved workflow. */
export type Workflow = z.output<typeof workflowSchema>;
/** A resolved step. */
export type Step = z.output<typeof stepSchema>;
/** A run budget with every dimension filled. */
export type Budget = z.output<typeof budgetSchema>;
/** A resolved recovery rung. */
export type RecoveryRung = z.output<typeof recoveryRungSchema>;

/** A waiver: the operator's statement that a constraint is not enforced in a scope. */
export const waiverSchema = z.strictObject({
  constraint: z.string().describe('Constraint id, optionally `step.id` to scope it to one step.'),
  workflow: z.string().optional().describe('Limit the waiver to one workflow name.'),
  reason: z.string().min(1),
  granted_by: z.string().min(1),
  expires: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    // One form in the resolved config: a date alone means the start of that day, UTC.
    .transform((value) => new Date(value).toISOString())
    .describe('When the waiver stops applying: an ISO date (start of that day, UTC) or date-time.'),
});
/** A waiver. */
export type Waiver = z.output<typeof waiverSchema>;

/** The kinds of provider the built-in adapters speak. */
export const PROVIDER_TYPES = ['openai', 'anthropic', 'http'] as const;
/** A built-in provider type. */
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** USD per million tokens for one model. */
export const modelPriceSchema = z.strictObject({
  input_per_mtok: z.number().nonnegative(),
  output_per_mtok: z.number().nonnegative(),
});

/** Where a custom HTTP endpoint's answer is, as dot paths into the JSON response (`output.text`, `choices.0.text`). */
export const httpResponsePathsSchema = z.strictObject({
  text: z.string().min(1).describe('Dot path of the reply text, e.g. `output.text`.'),
  input_tokens: z.string().min(1).optional().describe('Dot path of the prompt token count.'),
  output_tokens: z.string().min(1).optional().describe('Dot path of the reply token count.'),
  finish_reason: z.string().min(1).optional().describe('Dot path of the finish reason.'),
});

/** The placeholders an `http` provider's body template may use. */
export const HTTP_BODY_PLACEHOLDERS = [
  'prompt',
  'system',
  'messages',
  'model',
  'max_tokens',
  'temperature',
  'seed',
  'stop',
  'response_format',
  'json_schema',
] as const;

/** A custom HTTP endpoint (`type: http`): the provider's `base_url` is the full endpoint URL. */
export const httpEndpointSchema = z.strictObject({
  method: z.enum(['POST', 'PUT']).default('POST'),
  body: z
    .record(z.string(), z.unknown())
    .describe(
      'JSON body template. A string that is exactly `{{ name }}` becomes the value (prompt, system, messages, model, max_tokens, temperature, seed, stop, response_format, json_schema); values are inserted as JSON, never evaluated.',
    ),
  response: httpResponsePathsSchema,
});

/** One provider's settings. `base_url`, `api_key` and header values may use `${ENV}`. */
export const providerSchema = z.strictObject({
  type: z
    .enum(PROVIDER_TYPES)
    .optional()
    .describe('Wire format; defaults to the provider name when that is `openai`, `anthropic` or `http`.'),
  base_url: z
    .string()
    .optional()
    .describe(
      'API base URL (for `http`: the endpoint URL); may use environment references (`$` + `{NAME}`).',
    ),
  api_key: z
    .string()
    .optional()
    .describe('Only an environment reference (`$` + `{OPENAI_API_KEY}`); a literal key is an error.'),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe('Extra request headers; values may use environment references (`$` + `{NAME}`).'),
  connect_timeout_ms: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('Time allowed until response headers arrive.'),
  timeout_ms: z.number().int().positive().default(60_000).describe('Time allowed for a whole call.'),
  prices: z
    .record(z.string(), modelPriceSchema)
    .optional()
    .describe('USD per million tokens by model name; a model without a price has an unknown cost (never 0).'),
  http: httpEndpointSchema.optional().describe('The endpoint declaration of a `type: http` provider.'),
});
/** One resolved provider. */
export type ProviderConfig = z.output<typeof providerSchema>;

/** A named model: a `provider:model` reference with its own parameters and price. */
export const modelAliasSchema = z.strictObject({
  ref: providerModelRefSchema.describe('The model it names, `provider:model`.'),
  temperature: z.number().min(0).max(2).optional().describe('Used when the step sets none.'),
  max_tokens: z.number().int().positive().optional().describe('Used when the step sets none.'),
  timeout_ms: z.number().int().positive().optional().describe("Overrides the provider's `timeout_ms`."),
  prices: modelPriceSchema.optional().describe("Overrides the provider's price for this model."),
});
/** A resolved model alias. */
export type ModelAlias = z.output<typeof modelAliasSchema>;

/** A resolved profile: `extends` flattened, defaults filled. */
export const profileSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('profile').default('profile'),
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'profile names are letters, digits, `_`, `-` and `.`'),
  description: z.string().optional(),
  /** Overrides of the workflow budget; the stricter of the two applies. */
  budget: budgetOverrideSchema.default({}),
  adapters: z
    .strictObject({
      allow: z.array(z.string()).default(['*']).describe('Glob patterns of allowed model references.'),
    })
    .prefault({}),
  waivers: z.array(waiverSchema).default([]),
  redaction: z
    .strictObject({
      inputs: z.array(z.string()).default([]).describe('Input names recorded as salted digests.'),
      outputs: z
        .union([z.boolean(), z.array(z.string())])
        .default(false)
        .describe(
          'Record released outputs as salted digests: all of them (true), or these paths within JSON outputs.',
        ),
      prompts: z.boolean().default(false).describe('Record prompts as salted digests.'),
    })
    .prefault({}),
  /** Provider settings, keyed by the provider id used in model references. */
  providers: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, 'provider names are lower-case letters, digits, `_` and `-`'),
      providerSchema,
    )
    .default({})
    // The type defaults to the provider's name when that names a type, and shows in the resolved config.
    .transform((providers) =>
      Object.fromEntries(
        Object.entries(providers).map(([name, provider]) => {
          const type = provider.type ?? (PROVIDER_TYPES.find((t) => t === name) as ProviderType | undefined);
          return [name, type === undefined ? provider : { ...provider, type }];
        }),
      ),
    ),
  /** Named models: a step may say `model: [fast]` instead of `model: [openai:gpt-4o-mini]`. */
  models: z.record(idKeySchema, modelAliasSchema).default({}),
  tenant: z.string().default('default'),
});
/** A resolved profile. */
export type Profile = z.output<typeof profileSchema>;

/** What runs: the resolved workflow and profile, and the JCS SHA-256 digest of both. */
export interface ResolvedConfig {
  workflow: Workflow;
  profile: Profile;
  /** `sha256:<hex>` of JCS({ workflow, profile }). */
  digest: string;
  workflow_digest: string;
  profile_digest: string;
  /** Files the configuration came from, for messages. */
  sources: string[];
}
