import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import type { KindFactory } from '../kind-factory.js';
import { detectPii } from '../pii/detect-pii.js';
import { maskPii } from '../pii/mask-pii.js';

/**
 * `pii`: fails when the text contains personal data of the listed types. Evidence carries the span and a
 * masked value (`j***@e***.com`, `****1234`), never the value itself: evidence ends up in certificates.
 */
export const piiKind: KindFactory<'pii'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const matches = detectPii({ text: subject.text, types: constraint.types });
    const name = subjectName(constraint);
    if (matches.length === 0) {
      return { status: 'pass', message: `${name} contains no ${constraint.types.join(', ')}`, evidence: [] };
    }
    const masked = matches.map((match) => ({ type: match.type, value: maskPii(match) }));
    const listed = masked
      .slice(0, 3)
      .map((m) => `${m.type} ${m.value}`)
      .join(', ');
    return {
      status: 'fail',
      message: `${name} contains ${matches.length} piece(s) of personal data: ${listed}${matches.length > 3 ? ', …' : ''}`,
      evidence: matches.map((match, i) => ({
        path: subject.path,
        span: [match.start, match.end] as [number, number],
        value: masked[i],
      })),
    };
  },
});
