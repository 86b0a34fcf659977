import type { Verdict } from '../../spec/verdict.js';
import { CEL_LIMITS } from '../cel/cel-limits.js';
import { compileCel } from '../cel/compile-cel.js';
import { estimateCelCost, toCelValue } from '../cel/to-cel-value.js';
import type { KindFactory } from '../kind-factory.js';

/**
 * `expr`: a CEL expression over `input`, `output`, `usage`, `attempt` and `step` that must yield `true`.
 * It compiles once under {@link CEL_LIMITS}. Before each evaluation its cost is estimated from the data
 * (AST nodes × largest collection ^ comprehension nesting); over `maxCost`, or on any evaluation error
 * (a missing key, a non-bool result), the verdict is `error`.
 */
export const exprKind: KindFactory<'expr'> = ({ constraint }) => {
  const compiled = compileCel({ expr: constraint.expr, id: constraint.id });
  return {
    async: false,
    evaluate(ctx): Verdict {
      const data = toCelValue({
        value: {
          input: ctx.input,
          output: ctx.output,
          usage: ctx.usage,
          attempt: ctx.attempt,
          step: ctx.step,
        },
      });
      const cost = estimateCelCost({
        nodes: compiled.nodes,
        nesting: compiled.nesting,
        largestCollection: data.largestCollection,
      });
      if (cost > CEL_LIMITS.maxCost) {
        return {
          status: 'error',
          message: `expression too costly for this output (estimated ${cost} > ${CEL_LIMITS.maxCost})`,
          evidence: [],
        };
      }
      let result: unknown;
      try {
        result = compiled.run(data.value as Record<string, unknown>);
      } catch (cause) {
        const reason = (cause as Error).message.split('\n')[0];
        return { status: 'error', message: `expression failed: ${reason}`, evidence: [] };
      }
      if (typeof result !== 'boolean') {
        return { status: 'error', message: `expression yielded ${typeof result}, not a bool`, evidence: [] };
      }
      return { status: result ? 'pass' : 'fail', message: `${constraint.expr} is ${result}`, evidence: [] };
    },
  };
};
