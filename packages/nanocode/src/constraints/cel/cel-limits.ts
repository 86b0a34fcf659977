/**
 * Limits on CEL expressions. Parse-time limits are enforced by cel-js; the cost limit is checked before
 * each evaluation against the data at hand (see {@link estimateCelCost}).
 */
export const CEL_LIMITS = {
  /** Longest expression source, in characters. */
  maxExpressionChars: 4096,
  /** Parse-time structural limits passed to cel-js. */
  parse: { maxAstNodes: 512, maxDepth: 32, maxListElements: 256, maxMapEntries: 256, maxCallArguments: 16 },
  /** How deeply comprehension macros (`all`, `exists`, `map`, `filter`, ...) may nest. */
  maxComprehensionNesting: 2,
  /** Largest estimated cost (AST nodes × largest collection ^ comprehension nesting) evaluated. */
  maxCost: 1_000_000,
} as const;
