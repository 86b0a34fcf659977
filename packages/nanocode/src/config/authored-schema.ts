import { z } from 'zod';
import {
  CONSTRAINT_KINDS,
  type ConstraintKind,
  constraintCommonShape,
  constraintParamShapes,
  constraintSchema,
} from '../spec/constraint-kinds.js';
import { modelRefSchema, profileSchema, stepSchema, workflowSchema } from '../spec/workflow.js';

/**
 * The file formats as people write them: the resolved schemas of spec/workflow.ts plus the sugar the
 * loader rewrites (`use:`, `not:`, `expr:`, a single `model` string, prompt fragments). These schemas
 * feed the published JSON Schema; the loader itself validates the rewritten, resolved form.
 */

/** `- use: <template>`: expands a template in place. */
export const useEntrySchema = z.strictObject({ use: z.string().min(1).describe('Name of a template.') });

/** A prompt text: a string, a prompt template, or a list of both joined by newlines. */
export const promptTextSchema = z.union([
  z.string(),
  useEntrySchema,
  z.array(z.union([z.string(), useEntrySchema])).min(1),
]);

const authoredPromptSchema = z.strictObject({
  system: promptTextSchema.optional().describe('System message; may use `{{ }}` and prompt templates.'),
  user: promptTextSchema.describe('User message; may use `{{ }}` and prompt templates.'),
});

function negatedParams(kind: ConstraintKind) {
  return z.strictObject({ kind: z.literal(kind), ...constraintParamShapes[kind] });
}
const negatedSchemas = CONSTRAINT_KINDS.map((kind) => negatedParams(kind));

/** A constraint as written: canonical, `expr:` shorthand, `not:` negation, or `use:` of a template. */
export const authoredConstraintSchema = z.union([
  useEntrySchema,
  z.strictObject({
    ...constraintCommonShape,
    not: z
      .discriminatedUnion(
        'kind',
        negatedSchemas as unknown as [
          ReturnType<typeof negatedParams>,
          ...ReturnType<typeof negatedParams>[],
        ],
      )
      .describe('A constraint that must NOT hold: its kind and params.'),
  }),
  z.strictObject({
    ...constraintCommonShape,
    expr: z.string().min(1).describe('A CEL expression (shorthand for `kind: expr`).'),
  }),
  constraintSchema,
]);

const authoredStepSchema = stepSchema.extend({
  model: z
    .union([modelRefSchema, z.array(modelRefSchema).min(1)])
    .optional()
    .describe('An adapter, or adapters in fallback order.'),
  prompt: authoredPromptSchema.optional(),
  constraints: z.array(authoredConstraintSchema).optional(),
});

/** A workflow file as written. */
export const authoredWorkflowSchema = workflowSchema.extend({
  kind: z.literal('workflow').optional(),
  constraints: z.array(authoredConstraintSchema).optional().describe('Run-level (input-stage) constraints.'),
  steps: z.record(z.string(), authoredStepSchema),
  degrade_steps: z.record(z.string(), authoredStepSchema).optional(),
});

/** A profile file as written: `kind: profile` and an optional parent. */
export const authoredProfileSchema = profileSchema.extend({
  kind: z.literal('profile'),
  extends: z.string().optional().describe('Name of a parent profile; this one is merged over it.'),
});

/** One entry of a templates file: a constraint set or a prompt fragment. */
export const templateEntrySchema = z.strictObject({
  description: z.string().optional(),
  constraints: z.array(authoredConstraintSchema).min(1).optional().describe('A reusable constraint set.'),
  prompt: promptTextSchema.optional().describe('A reusable prompt fragment.'),
});

/** A templates file: `kind: templates` and named templates. */
export const templatesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.literal('templates'),
  description: z.string().optional(),
  templates: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'template names are letters, digits, `_`, `-` and `.`'),
    templateEntrySchema,
  ),
});

/** Any configuration file as written. */
export const configFileSchema = z.union([authoredWorkflowSchema, authoredProfileSchema, templatesFileSchema]);
