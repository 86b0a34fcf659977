import { isDeepStrictEqual } from 'node:util';
import type { Verdict } from '../../spec/verdict.js';
import { checkedValue, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';

/** `equals`: the selected value deep-equals `value` (strict: `1` is not `"1"`). */
export const equalsKind: KindFactory<'equals'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedValue({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const name = subjectName(constraint);
    if (isDeepStrictEqual(subject.value, constraint.value)) {
      return { status: 'pass', message: `${name} equals the expected value`, evidence: [] };
    }
    return {
      status: 'fail',
      message: `${name} is ${JSON.stringify(clipValue(subject.value))}; expected ${JSON.stringify(clipValue(constraint.value))}`,
      evidence: [{ path: subject.path, value: clipValue(subject.value) }],
    };
  },
});

/** `one_of`: the selected value deep-equals one of `values`. */
export const oneOfKind: KindFactory<'one_of'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedValue({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const name = subjectName(constraint);
    const index = constraint.values.findIndex((value) => isDeepStrictEqual(subject.value, value));
    if (index >= 0)
      return { status: 'pass', message: `${name} is allowed value #${index + 1}`, evidence: [] };
    return {
      status: 'fail',
      message: `${name} is ${JSON.stringify(clipValue(subject.value))}, not one of the ${constraint.values.length} allowed values`,
      evidence: [{ path: subject.path, value: clipValue(subject.value) }],
    };
  },
});
