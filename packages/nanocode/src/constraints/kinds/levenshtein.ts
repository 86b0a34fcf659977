import { distance } from 'fastest-levenshtein';
import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import type { KindFactory } from '../kind-factory.js';

/**
 * `levenshtein`: the text is within `max` edits of `value`. When the lengths alone differ by more than
 * `max`, it fails without computing the distance, which bounds the work by the configured text's size.
 */
export const levenshteinKind: KindFactory<'levenshtein'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const name = subjectName(constraint);
    const gap = Math.abs(subject.text.length - constraint.value.length);
    const edits = gap > constraint.max ? gap : distance(subject.text, constraint.value);
    const ok = edits <= constraint.max;
    const measured = gap > constraint.max ? `at least ${edits}` : `${edits}`;
    return {
      status: ok ? 'pass' : 'fail',
      message: `${name} is ${measured} edit(s) from the expected text; at most ${constraint.max} allowed`,
      evidence: [{ path: subject.path, value: edits }],
    };
  },
});
