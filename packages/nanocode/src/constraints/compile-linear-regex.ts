import { RE2JS } from 're2js';
import { NanocodeError } from '../spec/errors.js';

/** A regex compiled by the linear-time RE2 engine (re2js). */
export type LinearRegex = RE2JS;

/**
 * Compiles a pattern with re2js, whose matching time is linear in the input: model output is untrusted,
 * so a backtracking engine could be stalled by it. Flags: `i` (case-insensitive), `m` (multi-line `^`/`$`),
 * `s` (`.` matches newline). RE2 has no backreferences or lookahead; such patterns are config errors.
 */
export function compileLinearRegex(options: { pattern: string; flags: string; id: string }): LinearRegex {
  let flags = 0;
  if (options.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (options.flags.includes('m')) flags |= RE2JS.MULTILINE;
  if (options.flags.includes('s')) flags |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(options.pattern, flags);
  } catch (cause) {
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_REGEX',
      message: `constraint \`${options.id}\`: pattern ${JSON.stringify(options.pattern)} does not compile: ${(cause as Error).message}`,
      hint: 'RE2 syntax: no backreferences or lookaround (https://github.com/google/re2/wiki/Syntax)',
      cause,
    });
  }
}

/** The first match of a linear regex in a text, as `[start, end)` and the matched text. */
export function firstMatch(options: {
  regex: LinearRegex;
  text: string;
}): { start: number; end: number; text: string } | undefined {
  const matcher = options.regex.matcher(options.text);
  if (!matcher.find()) return undefined;
  return { start: matcher.start(), end: matcher.end(), text: matcher.group() ?? '' };
}
