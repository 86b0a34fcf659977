import type { Constraint } from '../../spec/constraint-kinds.js';
import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import { compileLinearRegex, firstMatch } from '../compile-linear-regex.js';
import type { KindCheck, KindFactory } from '../kind-factory.js';

/**
 * One linear-time pattern check: `regex` passes when the pattern matches somewhere in the text,
 * `not_regex` when it matches nowhere. The verdict points at the first match either way.
 */
function patternCheck(options: {
  constraint: Extract<Constraint, { kind: 'regex' | 'not_regex' }>;
  mustMatch: boolean;
}): KindCheck {
  const { constraint, mustMatch } = options;
  const regex = compileLinearRegex({
    pattern: constraint.pattern,
    flags: constraint.flags,
    id: constraint.id,
  });
  const shown = `/${constraint.pattern}/${constraint.flags}`;
  return {
    async: false,
    evaluate(ctx): Verdict {
      const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      const name = subjectName(constraint);
      const match = firstMatch({ regex, text: subject.text });
      if (match === undefined) {
        return mustMatch
          ? {
              status: 'fail',
              message: `${name} does not match ${shown}`,
              evidence: [{ path: subject.path, value: clipValue(subject.text) }],
            }
          : { status: 'pass', message: `${name} does not match ${shown}`, evidence: [] };
      }
      const evidence = [
        {
          path: subject.path,
          span: [match.start, match.end] as [number, number],
          value: clipValue(match.text),
        },
      ];
      return mustMatch
        ? { status: 'pass', message: `${name} matches ${shown}`, evidence }
        : { status: 'fail', message: `${name} matches ${shown} at ${match.start}-${match.end}`, evidence };
    },
  };
}

/** `regex`: passes when the linear-time pattern matches somewhere in the text. */
export const regexKind: KindFactory<'regex'> = ({ constraint }) =>
  patternCheck({ constraint, mustMatch: true });

/** `not_regex`: fails when the linear-time pattern matches anywhere in the text. */
export const notRegexKind: KindFactory<'not_regex'> = ({ constraint }) =>
  patternCheck({ constraint, mustMatch: false });
