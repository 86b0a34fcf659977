import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import { compileLinearRegex, firstMatch } from '../compile-linear-regex.js';
import type { KindFactory } from '../kind-factory.js';

/** `regex`: passes when the linear-time pattern matches somewhere in the text. */
export const regexKind: KindFactory<'regex'> = ({ constraint }) => {
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
        return {
          status: 'fail',
          message: `${name} does not match ${shown}`,
          evidence: [{ path: subject.path, value: clipValue(subject.text) }],
        };
      }
      return {
        status: 'pass',
        message: `${name} matches ${shown}`,
        evidence: [{ path: subject.path, span: [match.start, match.end], value: clipValue(match.text) }],
      };
    },
  };
};

/** `not_regex`: fails when the linear-time pattern matches anywhere in the text. */
export const notRegexKind: KindFactory<'not_regex'> = ({ constraint }) => {
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
      if (match === undefined)
        return { status: 'pass', message: `${name} does not match ${shown}`, evidence: [] };
      return {
        status: 'fail',
        message: `${name} matches ${shown} at ${match.start}-${match.end}`,
        evidence: [{ path: subject.path, span: [match.start, match.end], value: clipValue(match.text) }],
      };
    },
  };
};
