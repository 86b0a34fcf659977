import type { CompiledConstraint, CustomConstraint } from '../spec/constraint.js';
import type { ConstraintKind, ConstraintOf } from '../spec/constraint-kinds.js';
import { type Constraint, constraintSchema } from '../spec/constraint-kinds.js';
import { NanocodeError } from '../spec/errors.js';
import type { Verdict } from '../spec/verdict.js';
import type { JudgeRunner } from './judge-runner.js';
import type { KindFactory } from './kind-factory.js';
import { KIND_FACTORIES } from './kind-registry.js';

/** Options for {@link compileConstraint}. */
export interface CompileConstraintOptions {
  /** A resolved constraint; its params are validated again here, so TS-built constraints are safe too. */
  constraint: Constraint;
  /** Custom constraints registered in code, by name (a list is keyed by each entry's `name`). */
  custom?: ReadonlyMap<string, CustomConstraint> | CustomConstraint[] | undefined;
  /** Grades `judge` constraints; without it they evaluate to an `error` verdict. */
  judge?: JudgeRunner | undefined;
}

/**
 * Validates a constraint's params and compiles it once (regexes, JSON Schemas, CEL). Throws a
 * NanocodeError for bad config: NC_CFG_INVALID_PARAMS, NC_CFG_INVALID_REGEX, NC_CFG_INVALID_EXPR or
 * NC_CFG_UNKNOWN_CUSTOM. The result's `evaluate` returns the raw verdict of the kind (negation is not
 * applied); call {@link evaluateConstraint} to evaluate.
 */
export function compileConstraint(options: CompileConstraintOptions): CompiledConstraint {
  const parsed = constraintSchema.safeParse(options.constraint);
  if (!parsed.success) {
    const id = (options.constraint as { id?: unknown }).id;
    const issue = parsed.error.issues[0];
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_PARAMS',
      message: `constraint \`${String(id)}\`: ${issue ? `${issue.path.join('.') || 'params'}: ${issue.message}` : 'invalid params'}`,
      details: { issues: parsed.error.issues },
    });
  }
  const constraint = parsed.data;
  const factory = KIND_FACTORIES[constraint.kind] as KindFactory<ConstraintKind>;
  const check = factory({
    constraint: constraint as ConstraintOf<ConstraintKind>,
    custom: toCustomMap(options.custom),
    judge: options.judge,
  });
  return {
    id: constraint.id,
    kind: constraint.kind,
    severity: constraint.severity,
    on_error: constraint.on_error,
    stage: constraint.stage,
    negate: constraint.negate,
    feedback: constraint.feedback,
    async: check.async,
    evaluate: (ctx) => {
      const failed = (cause: unknown): Verdict => ({
        status: 'error',
        message: `${constraint.kind} check failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        evidence: [],
      });
      try {
        const verdict = check.evaluate(ctx);
        return verdict instanceof Promise ? verdict.catch(failed) : verdict;
      } catch (cause) {
        return failed(cause);
      }
    },
  };
}

function toCustomMap(custom: CompileConstraintOptions['custom']): ReadonlyMap<string, CustomConstraint> {
  if (custom === undefined) return new Map();
  if (!Array.isArray(custom)) return custom as ReadonlyMap<string, CustomConstraint>;
  return new Map(custom.map((entry) => [entry.name, entry]));
}
