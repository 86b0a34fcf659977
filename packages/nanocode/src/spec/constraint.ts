import type { Usage } from './adapter.js';
import type { ConstraintKind } from './constraint-kinds.js';
import type { Verdict } from './verdict.js';

/** Everything a constraint may look at when it is evaluated. */
export interface ConstraintContext {
  /** The run inputs. */
  input: Record<string, unknown>;
  /** The step output: parsed JSON for `output: json` steps (when it parses), else the text. */
  output: unknown;
  /** The raw text of the output. */
  text: string;
  usage: Usage;
  latency_ms: number;
  /** `NaN` when the price is unknown; cost checks then give an `error` verdict. */
  cost_usd: number;
  /** 1-based attempt number within the step. */
  attempt: number;
  step: string;
  /** Renders `{{ }}` placeholders in params (e.g. `source`) against inputs and earlier outputs. */
  render(template: string): string;
  signal: AbortSignal;
  /** Grades `judge` constraints through an adapter, inside the run budget; supplied by the runner. */
  judge?: JudgeRunner;
}

/**
 * Grades a text against a rubric with a model. Supplied by the runner (which routes it through an
 * adapter, inside the run budget); constraints only call it. `score` is in [0, 1].
 */
export type JudgeRunner = (options: {
  model: string;
  rubric: string;
  text: string;
  signal: AbortSignal;
}) => Promise<{ score: number; reason: string }>;

/**
 * A compiled constraint, ready to evaluate. Compilation validates params and compiles regexes and
 * expressions once. `evaluate` never throws for a bad output: it returns a verdict, `error` included.
 * Negation, `on_error` and severity are applied by the caller from the fields here.
 */
export interface CompiledConstraint {
  id: string;
  kind: ConstraintKind;
  severity: 'hard' | 'soft';
  on_error: 'fail_closed' | 'fail_open';
  stage: 'input' | 'output';
  negate: boolean;
  feedback: string | undefined;
  /** True when evaluation may be slow (judge, async custom); such checks run concurrently and budgeted. */
  async: boolean;
  evaluate(ctx: ConstraintContext): Verdict | Promise<Verdict>;
}

/** A constraint implemented in code, registered by name for `kind: custom`. */
export interface CustomConstraint {
  spec: 'nanocode.constraint/v1';
  name: string;
  /** A Standard Schema (zod, valibot, arktype, ...) validated against the output, or a function. */
  check:
    | { type: 'standard-schema'; schema: import('@standard-schema/spec').StandardSchemaV1 }
    | { type: 'function'; run(ctx: ConstraintContext): Verdict | Promise<Verdict> };
}
