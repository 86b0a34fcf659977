import type { ConstraintContext, CustomConstraint } from '../spec/constraint.js';
import type { ConstraintKind, ConstraintOf } from '../spec/constraint-kinds.js';
import type { Verdict } from '../spec/verdict.js';
import type { JudgeRunner } from './judge-runner.js';

/** What a kind factory returns: the raw check of one constraint, before negation. */
export interface KindCheck {
  /** True when the check may be slow (judge, async custom); the runner schedules it concurrently. */
  async: boolean;
  evaluate(ctx: ConstraintContext): Verdict | Promise<Verdict>;
}

/** Everything a factory may use to build its check. */
export interface KindFactoryOptions<K extends ConstraintKind> {
  constraint: ConstraintOf<K>;
  custom: ReadonlyMap<string, CustomConstraint>;
  judge: JudgeRunner | undefined;
}

/**
 * Builds the check of one kind. Factories compile regexes, schemas and expressions once and throw a
 * NanocodeError (NC_CFG_*) for a bad config; the returned `evaluate` must not throw for any output.
 */
export type KindFactory<K extends ConstraintKind> = (options: KindFactoryOptions<K>) => KindCheck;

/** A factory for each kind; the registry must cover every kind (checked by the compiler). */
export type KindFactories = { [K in ConstraintKind]: KindFactory<K> };
