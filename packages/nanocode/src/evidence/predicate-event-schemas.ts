import { z } from 'zod';
import { BUDGET_DIMENSIONS, RECOVERY_STRATEGIES } from '../spec/outcome.js';
import type { SummaryIssue } from './predicate-issue.js';

/**
 * The shapes of the event fields a predicate is built from. Events reach the verifier from untrusted
 * bundles, and a chain that rehashes fine can still hold nonsense sealed by whoever holds a key; these
 * schemas let the builder read fields without guarding every access, and report the first bad one.
 */

const count = z.number().finite().nonnegative();
const budget = z.looseObject({ attempts: count, tokens: count, cost_usd: count, time_ms: count });
const status = z.enum(['enforced', 'waived', 'violated', 'unchecked', 'not_applicable']);
const outcome = z.enum(['certified', 'certified_with_exceptions', 'degraded', 'stopped', 'error']);

const base = z.looseObject({
  seq: z.number().int().nonnegative(),
  ts: z.string(),
  type: z.string(),
  step: z.string().optional(),
  attempt: z.number().optional(),
  data: z.looseObject({}),
});

const withStep = base.extend({ step: z.string() });

const policy = z.union([
  z.strictObject({ source: z.literal('files') }),
  z.strictObject({ source: z.literal('api'), version: z.number().int().positive(), digest: z.string() }),
]);

const dataSchemas: Record<string, z.ZodType> = {
  'run.started': base.extend({
    data: z.looseObject({ inputs_digest: z.string(), budget, policy: policy.optional() }),
  }),
  'run.completed': base.extend({
    data: z.looseObject({
      outcome,
      constraints: z.array(z.looseObject({ step: z.string(), id: z.string(), status })),
      consumed: budget,
      output_digest: z.string().optional(),
      error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
    }),
  }),
  'input.checked': base.extend({ data: z.looseObject({ ok: z.boolean() }) }),
  'step.started': withStep.extend({
    data: z.looseObject({ kind: z.enum(['model', 'function']), depends_on: z.array(z.string()) }),
  }),
  'step.completed': withStep.extend({
    data: z.looseObject({ status: z.enum(['released', 'degraded', 'stopped', 'skipped', 'error']) }),
  }),
  'attempt.completed': withStep.extend({
    data: z.looseObject({
      adapter: z.string(),
      model: z.string(),
      usage: z.looseObject({ input_tokens: count, output_tokens: count }),
      cost_usd: count.nullable(),
    }),
  }),
  'constraint.evaluated': withStep.extend({
    attempt: z.number(),
    data: z.looseObject({
      constraint: z.string(),
      kind: z.string(),
      severity: z.enum(['hard', 'soft']),
      target: z.enum(['attempt', 'repair', 'degrade', 'input']),
      verdict: z.looseObject({ status: z.enum(['pass', 'fail', 'error']) }),
    }),
  }),
  'waiver.applied': base.extend({
    data: z.looseObject({
      constraint: z.string(),
      reason: z.string(),
      granted_by: z.string(),
      expires: z.string(),
    }),
  }),
  'recovery.chosen': withStep.extend({
    data: z.looseObject({
      strategy: z.enum(RECOVERY_STRATEGIES),
      trigger: z.looseObject({
        constraints: z.array(z.string()).optional(),
        error: z.string().optional(),
        budget: z.enum(BUDGET_DIMENSIONS).optional(),
      }),
      from: z.string(),
      to: z.string(),
    }),
  }),
  // An engine redelivery: no attempt, no step; the predicate counts attempts from attempt events only.
  'run.resumed': base.extend({
    step: z.never().optional(),
    attempt: z.never().optional(),
    data: z.looseObject({
      execution: z.number().int().min(2),
      executor: z.string(),
      previous_executor: z.string(),
      reexecuted: z.array(z.string()),
    }),
  }),
  'output.released': withStep.extend({
    data: z.looseObject({
      output_digest: z.string(),
      source: z.enum(['attempt', 'repair', 'degrade', 'function']),
    }),
  }),
};

const headerSchema = z.looseObject({
  spec: z.literal('nanocode.run/v1'),
  run_id: z.string(),
  tenant: z.string(),
  workflow: z.looseObject({ name: z.string(), version: z.string(), digest: z.string() }),
  profile: z.looseObject({ name: z.string(), digest: z.string() }),
  config_digest: z.string(),
  framework: z.looseObject({ name: z.string(), version: z.string() }),
});

/** Why `header` is not a run header, or undefined when it is one. */
export function checkHeaderShape(header: unknown): string | undefined {
  const parsed = headerSchema.safeParse(header);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `the run header at ${issue?.path.map(String).join('.') || '/'}: ${issue?.message}`;
}

/**
 * Checks the overall layout (`run.started` first, one `run.completed` last) and the fields of every event
 * the predicate reads. Returns the first problem, with the event's seq and a path into it.
 */
export function checkEventShapes(events: readonly unknown[]): SummaryIssue | undefined {
  if (events.length < 2) {
    return {
      reason: 'malformed_events',
      seq: events.length,
      path: '',
      message: 'a run has at least two events',
    };
  }
  for (const [seq, event] of events.entries()) {
    const parsed = base.safeParse(event);
    if (!parsed.success) return shapeIssue(seq, parsed.error);
    const { type } = parsed.data;
    const first = seq === 0;
    const last = seq === events.length - 1;
    if (first !== (type === 'run.started') || last !== (type === 'run.completed')) {
      const message = `event ${seq} is ${type}; a run starts with run.started and ends with one run.completed`;
      return { reason: 'malformed_events', seq, path: 'type', message };
    }
    const schema = dataSchemas[type];
    const checked = schema?.safeParse(event);
    if (checked !== undefined && !checked.success) return shapeIssue(seq, checked.error);
  }
  return undefined;
}

function shapeIssue(seq: number, error: z.ZodError): SummaryIssue {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  return {
    reason: 'malformed_events',
    seq,
    path,
    message: `event ${seq} at ${path || '/'}: ${issue?.message}`,
  };
}
