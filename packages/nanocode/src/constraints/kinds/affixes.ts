import type { ConstraintContext } from '../../spec/constraint.js';
import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';

type Affix = 'starts' | 'ends';

function affixCheck(options: {
  affix: Affix;
  constraint: {
    value: string;
    case_sensitive: boolean;
    field?: string | undefined;
    stage: 'input' | 'output';
  };
}) {
  const { affix, constraint } = options;
  const fold = (s: string) => (constraint.case_sensitive ? s : s.toLowerCase());
  const wanted = fold(constraint.value);
  return {
    async: false,
    evaluate(ctx: ConstraintContext): Verdict {
      const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      // Leading/trailing whitespace is not content; models often add a newline.
      const text = fold(affix === 'starts' ? subject.text.trimStart() : subject.text.trimEnd());
      const ok = affix === 'starts' ? text.startsWith(wanted) : text.endsWith(wanted);
      const verb = `${affix === 'starts' ? 'start' : 'end'}s with ${JSON.stringify(constraint.value)}`;
      const name = subjectName(constraint);
      if (ok) return { status: 'pass', message: `${name} ${verb}`, evidence: [] };
      const edge = affix === 'starts' ? text.slice(0, 40) : text.slice(-40);
      return {
        status: 'fail',
        message: `${name} does not ${verb.replace('s with', ' with')}`,
        evidence: [{ path: subject.path, value: clipValue(edge) }],
      };
    },
  };
}

/** `starts_with`: the text (ignoring leading whitespace) starts with `value`. */
export const startsWithKind: KindFactory<'starts_with'> = ({ constraint }) =>
  affixCheck({ affix: 'starts', constraint });

/** `ends_with`: the text (ignoring trailing whitespace) ends with `value`. */
export const endsWithKind: KindFactory<'ends_with'> = ({ constraint }) =>
  affixCheck({ affix: 'ends', constraint });
