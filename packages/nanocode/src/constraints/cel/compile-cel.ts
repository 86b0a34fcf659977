import { Environment } from '@marcbachmann/cel-js';
import { NanocodeError } from '../../spec/errors.js';
import { analyzeCel } from './analyze-cel.js';
import { CEL_LIMITS } from './cel-limits.js';

/** A CEL expression compiled for `expr` constraints. */
export interface CompiledCel {
  run(variables: Record<string, unknown>): unknown;
  nodes: number;
  nesting: number;
}

/** The variables an `expr` constraint sees, with their CEL types. */
export const CEL_VARIABLES = {
  input: 'map',
  output: 'dyn',
  usage: 'map',
  attempt: 'int',
  step: 'string',
} as const;

function newEnvironment(): Environment {
  const env = new Environment({ limits: CEL_LIMITS.parse });
  for (const [name, type] of Object.entries(CEL_VARIABLES)) env.registerVariable(name, type);
  return env;
}

/**
 * Parses and checks a CEL expression once: length, parse-time limits, comprehension nesting, refused
 * functions, and that it can yield a bool. Every failure is a NC_CFG_INVALID_EXPR config error.
 */
export function compileCel(options: { expr: string; id: string }): CompiledCel {
  const fail = (reason: string, cause?: unknown): never => {
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_EXPR',
      message: `constraint \`${options.id}\`: ${reason}`,
      ...(cause === undefined ? {} : { cause }),
    });
  };
  if (options.expr.length > CEL_LIMITS.maxExpressionChars) {
    fail(
      `the expression is ${options.expr.length} characters; at most ${CEL_LIMITS.maxExpressionChars} allowed`,
    );
  }
  const env = newEnvironment();
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(options.expr);
  } catch (cause) {
    return fail(`the expression does not parse: ${(cause as Error).message.split('\n')[0]}`, cause);
  }
  const analysis = analyzeCel({ ast: parsed.ast });
  if (analysis.refused.length > 0) {
    fail(
      `\`${analysis.refused[0]}()\` is not allowed in expressions (it backtracks); use a \`regex\` constraint`,
    );
  }
  if (analysis.comprehensionNesting > CEL_LIMITS.maxComprehensionNesting) {
    fail(
      `comprehensions nest ${analysis.comprehensionNesting} deep; at most ${CEL_LIMITS.maxComprehensionNesting} allowed`,
    );
  }
  const checked = env.check(options.expr);
  if (!checked.valid) fail(`the expression does not type-check: ${checked.error?.message.split('\n')[0]}`);
  if (checked.type !== 'bool' && checked.type !== 'dyn')
    fail(`the expression yields ${checked.type}, not bool`);
  return {
    run: (variables) => parsed(variables),
    nodes: analysis.nodes,
    nesting: analysis.comprehensionNesting,
  };
}
