/** What {@link analyzeCel} learns from a parsed CEL expression. */
export interface CelAnalysis {
  nodes: number;
  /** Deepest nesting of comprehension macros; 0 when there are none. */
  comprehensionNesting: number;
  /** Functions that Nanocode refuses (see {@link REFUSED_CEL_FUNCTIONS}), as used. */
  refused: string[];
}

const COMPREHENSIONS = new Set([
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
  'transformList',
  'transformMap',
]);

/**
 * Functions refused in `expr`: cel-js runs `matches` with the backtracking JavaScript RegExp engine, and
 * model output is untrusted. Use a `regex` constraint (linear-time RE2) instead.
 */
export const REFUSED_CEL_FUNCTIONS: ReadonlySet<string> = new Set(['matches']);

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string';
}

/** Walks a cel-js AST (`{op, args}` nodes) to size it and find refused functions. */
export function analyzeCel(options: { ast: unknown }): CelAnalysis {
  const analysis: CelAnalysis = { nodes: 0, comprehensionNesting: 0, refused: [] };
  const visit = (value: unknown, nesting: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, nesting);
      return;
    }
    if (!isNode(value)) return;
    analysis.nodes++;
    const args = Array.isArray(value.args) ? value.args : [value.args];
    const name =
      (value.op === 'call' || value.op === 'rcall') && typeof args[0] === 'string' ? args[0] : undefined;
    if (name !== undefined && REFUSED_CEL_FUNCTIONS.has(name)) analysis.refused.push(name);
    const inner =
      value.op === 'rcall' && name !== undefined && COMPREHENSIONS.has(name) ? nesting + 1 : nesting;
    analysis.comprehensionNesting = Math.max(analysis.comprehensionNesting, inner);
    visit(args, inner);
  };
  visit(options.ast, 0);
  return analysis;
}
