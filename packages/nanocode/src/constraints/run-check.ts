import type { ConstraintContext } from '../spec/constraint.js';
import type { Verdict } from '../spec/verdict.js';
import { type CompileConstraintOptions, compileConstraint } from './compile-constraint.js';
import { evaluateConstraint } from './evaluate-constraint.js';
import { makeTestContext } from './make-test-context.js';

/**
 * Compiles a constraint given in config form (defaults filled by the schema) and evaluates it once
 * against a test context. A convenience for tests and the playground; the runner compiles once instead.
 */
export async function runCheck(options: {
  constraint: Record<string, unknown>;
  ctx?: Partial<ConstraintContext>;
  custom?: CompileConstraintOptions['custom'];
  judge?: CompileConstraintOptions['judge'];
}): Promise<Verdict> {
  const compiled = compileConstraint({
    constraint: { id: 'c', ...options.constraint } as CompileConstraintOptions['constraint'],
    ...(options.custom === undefined ? {} : { custom: options.custom }),
    ...(options.judge === undefined ? {} : { judge: options.judge }),
  });
  return evaluateConstraint({ compiled, ctx: makeTestContext(options.ctx) });
}
