import type { ConstraintContext } from '../../spec/constraint.js';
import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { countUnits, type LengthUnit } from '../count-units.js';
import type { KindFactory } from '../kind-factory.js';

interface Bound {
  bound: 'min' | 'max';
  value: number;
  unit: LengthUnit;
  field?: string | undefined;
  stage: 'input' | 'output';
}

function lengthCheck(constraint: Bound) {
  return {
    async: false,
    evaluate(ctx: ConstraintContext): Verdict {
      const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      const count = countUnits({ text: subject.text, unit: constraint.unit });
      const ok = constraint.bound === 'min' ? count >= constraint.value : count <= constraint.value;
      const limit = `${constraint.bound === 'min' ? 'at least' : 'at most'} ${constraint.value} allowed`;
      const unit = count === 1 ? constraint.unit.replace(/s$/, '') : constraint.unit;
      return {
        status: ok ? 'pass' : 'fail',
        message: `${subjectName(constraint)} has ${count} ${unit}; ${limit}`,
        evidence: [{ path: subject.path, value: count }],
      };
    },
  };
}

/** `min_length`: the text is at least `value` units long (see {@link countUnits} for units). */
export const minLengthKind: KindFactory<'min_length'> = ({ constraint }) =>
  lengthCheck({ ...constraint, bound: 'min' });

/** `max_length`: the text is at most `value` units long (see {@link countUnits} for units). */
export const maxLengthKind: KindFactory<'max_length'> = ({ constraint }) =>
  lengthCheck({ ...constraint, bound: 'max' });

/** `min_words`: shorthand for `min_length` with `unit: words`. */
export const minWordsKind: KindFactory<'min_words'> = ({ constraint }) =>
  lengthCheck({ ...constraint, bound: 'min', unit: 'words' });

/** `max_words`: shorthand for `max_length` with `unit: words`. */
export const maxWordsKind: KindFactory<'max_words'> = ({ constraint }) =>
  lengthCheck({ ...constraint, bound: 'max', unit: 'words' });
