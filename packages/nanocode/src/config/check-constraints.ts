import { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import type { Constraint } from '../spec/constraint-kinds.js';
import { NanocodeError } from '../spec/errors.js';
import type { OriginMap } from './origin-map.js';
import type { ConfigPath } from './source-document.js';

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * Checks one list of constraints beyond its schema: unique ids, regexes that compile in the
 * linear-time engine, CEL expressions that parse within the default limits, and (for run-level lists)
 * the input stage.
 */
export function checkConstraintList(options: {
  constraints: readonly Constraint[];
  path: ConfigPath;
  origins: OriginMap;
  /** Says what owns the list, e.g. "step `answer`". */
  owner: string;
  runLevel: boolean;
  cel: Environment;
}): NanocodeError[] {
  const errors: NanocodeError[] = [];
  const seen = new Set<string>();
  for (const [index, constraint] of options.constraints.entries()) {
    const at = (key: string, mode: 'key' | 'value' = 'value') =>
      options.origins.locate({ path: [...options.path, index, key], mode });
    if (seen.has(constraint.id)) {
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_DUPLICATE_ID',
          message: `constraint id \`${constraint.id}\` is used twice in ${options.owner}`,
          location: at('id'),
          hint: 'a `use:`d template may bring the same id; rename one of them',
        }),
      );
    }
    seen.add(constraint.id);
    if (options.runLevel && constraint.stage !== 'input') {
      errors.push(
        new NanocodeError({
          code: 'NC_CFG_INVALID_VALUE',
          message: `run constraint \`${constraint.id}\` checks the run inputs; its stage must be \`input\``,
          location: at('stage'),
        }),
      );
    }
    if (constraint.kind === 'regex' || constraint.kind === 'not_regex') {
      let flags = 0;
      for (const flag of constraint.flags) flags |= FLAG_BITS[flag] ?? 0;
      try {
        RE2JS.compile(constraint.pattern, flags);
      } catch (error) {
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_INVALID_REGEX',
            message: `pattern of constraint \`${constraint.id}\` does not compile: ${firstLine(error)}`,
            location: at('pattern'),
            hint: 'RE2 syntax: no backreferences or lookaround',
          }),
        );
      }
    }
    if (constraint.kind === 'expr') {
      try {
        options.cel.parse(constraint.expr);
      } catch (error) {
        errors.push(
          new NanocodeError({
            code: 'NC_CFG_INVALID_EXPR',
            message: `CEL expression of constraint \`${constraint.id}\` does not parse: ${firstLine(error)}`,
            location: at('expr'),
          }),
        );
      }
    }
  }
  return errors;
}

/** A CEL environment for parse checks: default (CEL specification) limits, any variable name. */
export function createCelChecker(): Environment {
  return new Environment({ unlistedVariablesAreDyn: true });
}
