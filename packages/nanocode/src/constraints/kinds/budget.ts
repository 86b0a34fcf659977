import type { ConstraintContext } from '../../spec/constraint.js';
import type { Verdict } from '../../spec/verdict.js';
import type { KindFactory } from '../kind-factory.js';

function budgetCheck(options: {
  label: string;
  unit: string;
  max: number;
  read: (ctx: ConstraintContext) => number;
}) {
  return {
    async: false,
    evaluate(ctx: ConstraintContext): Verdict {
      const used = options.read(ctx);
      if (!Number.isFinite(used)) {
        return { status: 'error', message: `${options.label} is not known for this attempt`, evidence: [] };
      }
      const ok = used <= options.max;
      return {
        status: ok ? 'pass' : 'fail',
        message: `${options.label} was ${used}${options.unit}; at most ${options.max}${options.unit} allowed`,
        evidence: [{ value: used }],
      };
    },
  };
}

/** `latency_ms`: the attempt took at most `max` milliseconds. */
export const latencyKind: KindFactory<'latency_ms'> = ({ constraint }) =>
  budgetCheck({ label: 'latency', unit: ' ms', max: constraint.max, read: (ctx) => ctx.latency_ms });

/** `cost_usd`: the attempt cost at most `max` US dollars. */
export const costKind: KindFactory<'cost_usd'> = ({ constraint }) =>
  budgetCheck({ label: 'cost', unit: ' USD', max: constraint.max, read: (ctx) => ctx.cost_usd });

/** `tokens`: the attempt used at most `max` tokens, input and output together. */
export const tokensKind: KindFactory<'tokens'> = ({ constraint }) =>
  budgetCheck({
    label: 'token usage',
    unit: ' tokens',
    max: constraint.max,
    read: (ctx) => ctx.usage.input_tokens + ctx.usage.output_tokens,
  });
