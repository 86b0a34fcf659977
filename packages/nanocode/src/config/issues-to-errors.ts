import type { z } from 'zod';
import { CONSTRAINT_KINDS, constraintCommonShape } from '../spec/constraint-kinds.js';
import type { ErrorCode } from '../spec/error-codes.js';
import { NanocodeError, type NanocodeErrorOptions } from '../spec/errors.js';
import { areaOf, constraintIndexInPath, describePath, valueAt } from './describe-path.js';
import { didYouMean } from './did-you-mean.js';
import type { OriginMap } from './origin-map.js';
import { knownKeysAt, unionKeysAt } from './schema-keys.js';
import type { ConfigPath } from './source-document.js';

type Issue = z.core.$ZodIssue;

/** What `issuesToErrors` needs to name and locate each problem. */
export interface IssueContext {
  /** The schema the value was validated against. */
  schema: z.core.$ZodType;
  /** The validated (normalised) value. */
  value: unknown;
  origins: OriginMap;
  /** How to name the document in messages, e.g. "workflow" or "profile `prod`". */
  subject: string;
}

const NON_PARAM_KEYS = new Set([...Object.keys(constraintCommonShape), 'kind', 'negate']);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function expectedName(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'a mapping';
  return `a ${expected}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isConstraintParam(path: ConfigPath): boolean {
  const index = constraintIndexInPath(path);
  const key = path[index + 1];
  return index >= 0 && typeof key === 'string' && !NON_PARAM_KEYS.has(key);
}

/** The code for an issue that is neither an unknown key, a missing key nor a wrong type. */
function valueCode(path: ConfigPath): ErrorCode {
  if (path.at(-1) === 'recovery') return 'NC_CFG_INVALID_RECOVERY';
  const area = areaOf(path);
  if (area === 'recovery') return 'NC_CFG_INVALID_RECOVERY';
  if (area === 'waiver') return 'NC_CFG_INVALID_WAIVER';
  if (area === 'constraint' && isConstraintParam(path)) return 'NC_CFG_INVALID_PARAMS';
  return 'NC_CFG_INVALID_VALUE';
}

function keyName(path: ConfigPath): string {
  const last = path.at(-1);
  return last === undefined ? 'the document' : typeof last === 'number' ? `item ${last + 1}` : `\`${last}\``;
}

function unionError(issue: Issue & { code: 'invalid_union' }, ctx: IssueContext): NanocodeError[] {
  const path = issue.path as ConfigPath;
  const value = valueAt(ctx.value, path);
  const ownerName = describePath({ path: path.slice(0, -1), value: ctx.value, subject: ctx.subject });
  const one = (options: NanocodeErrorOptions) => [new NanocodeError(options)];
  if ('discriminator' in issue && issue.discriminator === 'kind') {
    // `kind` is the discriminator of constraints: absent or unknown.
    const owner = path.slice(0, -1);
    if (value === undefined) {
      return one({
        code: 'NC_CFG_MISSING_KEY',
        message: `missing key \`kind\` in ${ownerName}`,
        location: ctx.origins.locate({ path: owner, mode: 'value' }),
        hint: 'write `kind: <kind>`, `expr: "<CEL>"`, `not: { kind: ... }` or `use: <template>`',
      });
    }
    const hint = didYouMean({ word: String(value), candidates: CONSTRAINT_KINDS });
    return one({
      code: 'NC_CFG_UNKNOWN_KIND',
      message: `unknown constraint kind \`${String(value)}\` in ${ownerName}`,
      location: ctx.origins.locate({ path, mode: 'value' }),
      ...(hint ? { hint } : {}),
    });
  }
  if (value === undefined) {
    return one({
      code: 'NC_CFG_MISSING_KEY',
      message: `missing key ${keyName(path)} in ${ownerName}`,
      location: ctx.origins.locate({ path: path.slice(0, -1), mode: 'value' }),
    });
  }
  const branches = 'errors' in issue ? issue.errors : [];
  // A branch whose problems all lie inside the value matched its shape: report those problems.
  const matched = branches.find(
    (branch) =>
      branch.length > 0 &&
      branch.every(
        (inner) =>
          inner.path.length > 0 &&
          !(inner.code === 'invalid_type' && valueAt(value, inner.path as ConfigPath) === undefined),
      ),
  );
  if (matched)
    return matched.flatMap((inner) =>
      issueToErrors({ ...inner, path: [...path, ...inner.path] } as Issue, ctx),
    );
  const strategies = unionKeysAt({ schema: ctx.schema, path });
  if (areaOf(path) === 'recovery' && strategies.length > 0) {
    const where = describePath({ path, value: ctx.value, subject: ctx.subject });
    const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
    const first = keys[0];
    const hint = first === undefined ? undefined : didYouMean({ word: first, candidates: strategies });
    return one({
      code: 'NC_CFG_INVALID_RECOVERY',
      message:
        keys.length === 1 && first !== undefined
          ? `unknown recovery strategy \`${first}\` in ${where}`
          : `${where} must be a mapping with one key: ${strategies.join(', ')}`,
      location: ctx.origins.locate({ path: first === undefined ? path : [...path, first], mode: 'key' }),
      ...(hint ? { hint } : {}),
    });
  }
  const roots = branches.map((branch) =>
    branch.length === 1 && branch[0]?.path.length === 0 ? branch[0] : undefined,
  );
  const location = ctx.origins.locate({ path, mode: 'value' });
  if (value !== undefined && roots.length > 0 && roots.every((root) => root?.code === 'invalid_type')) {
    const expected = roots.map((root) => (root?.code === 'invalid_type' ? expectedName(root.expected) : ''));
    return one({
      code: 'NC_CFG_INVALID_TYPE',
      message: `${keyName(path)} in ${ownerName} must be ${expected.join(' or ')}, not ${typeName(value)}`,
      location,
    });
  }
  if (value !== undefined && roots.length > 0 && roots.every((root) => root !== undefined)) {
    const reasons = roots.map((root) => lowerFirst(root?.message ?? ''));
    return one({
      code: valueCode(path),
      message: `invalid ${keyName(path)} in ${ownerName}: ${reasons.join(' and ')}`,
      location,
    });
  }
  return one({
    code: valueCode(path),
    message: `${keyName(path)} in ${ownerName} has no allowed form (got ${typeName(value)})`,
    location,
  });
}

function issueToErrors(issue: Issue, ctx: IssueContext): NanocodeError[] {
  const path = issue.path as ConfigPath;
  const where = describePath({ path, value: ctx.value, subject: ctx.subject });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt({ schema: ctx.schema, path, value: ctx.value });
      return issue.keys.map((key) => {
        const hint = didYouMean({ word: key, candidates: known });
        return new NanocodeError({
          code: 'NC_CFG_UNKNOWN_KEY',
          message: `unknown key \`${key}\` in ${where}`,
          location: ctx.origins.locate({ path: [...path, key], mode: 'key' }),
          ...(hint ? { hint } : {}),
        });
      });
    }
    case 'invalid_type': {
      const value = valueAt(ctx.value, path);
      const owner = path.slice(0, -1);
      if (value === undefined) {
        return [
          new NanocodeError({
            code: 'NC_CFG_MISSING_KEY',
            message: `missing key ${keyName(path)} in ${describePath({ path: owner, value: ctx.value, subject: ctx.subject })}`,
            location: ctx.origins.locate({ path: owner, mode: 'value' }),
          }),
        ];
      }
      return [
        new NanocodeError({
          code: 'NC_CFG_INVALID_TYPE',
          message: `${keyName(path)} in ${describePath({ path: owner, value: ctx.value, subject: ctx.subject })} must be ${expectedName(issue.expected)}, not ${typeName(value)}`,
          location: ctx.origins.locate({ path, mode: 'value' }),
        }),
      ];
    }
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? issue.message;
      return [
        new NanocodeError({
          code: 'NC_CFG_INVALID_VALUE',
          message: `invalid name \`${String(path.at(-1))}\` in ${describePath({ path: path.slice(0, -1), value: ctx.value, subject: ctx.subject })}: ${lowerFirst(reason)}`,
          location: ctx.origins.locate({ path, mode: 'key' }),
        }),
      ];
    }
    case 'invalid_union':
      return unionError(issue, ctx);
    default: {
      const owner = path.slice(0, -1);
      return [
        new NanocodeError({
          code: valueCode(path),
          message: `invalid ${keyName(path)} in ${describePath({ path: owner, value: ctx.value, subject: ctx.subject })}: ${lowerFirst(issue.message)}`,
          location: ctx.origins.locate({ path, mode: 'value' }),
        }),
      ];
    }
  }
}

/** Turns zod issues into located, human NanocodeErrors with stable codes. */
export function issuesToErrors(options: IssueContext & { issues: readonly Issue[] }): NanocodeError[] {
  return options.issues.flatMap((issue) => issueToErrors(issue, options));
}
