import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ConstraintContext } from '../../spec/constraint.js';
import { NanocodeError } from '../../spec/errors.js';
import type { Verdict } from '../../spec/verdict.js';
import { checkedValue } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';

/**
 * `custom`: runs a constraint registered in code under `name`: either a Standard Schema (zod, valibot,
 * arktype, ...) validated against the selected value, whose issues become evidence, or a function that
 * returns its own verdict. An unknown name is a config error (NC_CFG_UNKNOWN_CUSTOM).
 */
export const customKind: KindFactory<'custom'> = ({ constraint, custom }) => {
  const registered = custom.get(constraint.name);
  if (registered === undefined) {
    const known = [...custom.keys()];
    throw new NanocodeError({
      code: 'NC_CFG_UNKNOWN_CUSTOM',
      message: `constraint \`${constraint.id}\`: no custom constraint named \`${constraint.name}\` is registered`,
      hint: known.length > 0 ? `registered: ${known.join(', ')}` : 'register it in code (custom: [...])',
    });
  }
  const check = registered.check;
  if (check.type === 'function') return { async: true, evaluate: (ctx) => check.run(ctx) };
  return {
    async: true,
    async evaluate(ctx: ConstraintContext): Promise<Verdict> {
      const subject = checkedValue({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      const result = await check.schema['~standard'].validate(subject.value);
      if (result.issues === undefined) {
        return { status: 'pass', message: `${constraint.name} accepts the value`, evidence: [] };
      }
      const evidence = result.issues.map((issue) => ({
        path: issuePath({ base: subject.path, issue }),
        value: clipValue(issue.message),
      }));
      const shown = evidence
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.value}`)
        .join('; ');
      return { status: 'fail', message: `${constraint.name} rejects the value: ${shown}`, evidence };
    },
  };
};

function issuePath(options: { base: string; issue: StandardSchemaV1.Issue }): string {
  let path = options.base;
  for (const segment of options.issue.path ?? []) {
    const key = typeof segment === 'object' ? segment.key : segment;
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return path;
}
