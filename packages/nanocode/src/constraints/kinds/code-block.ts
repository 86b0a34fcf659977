import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { findCodeBlocks } from '../find-code-blocks.js';
import type { KindFactory } from '../kind-factory.js';

/** `code_block`: the text has a fenced code block, in `language` when given. */
export const codeBlockKind: KindFactory<'code_block'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const wanted = constraint.language?.toLowerCase();
    const blocks = findCodeBlocks({ text: subject.text });
    const block = blocks.find((b) => wanted === undefined || b.language === wanted);
    const what = wanted === undefined ? 'a fenced code block' : `a fenced \`${wanted}\` code block`;
    if (block === undefined) {
      const others =
        blocks.length > 0 ? ` (found ${blocks.map((b) => b.language || 'plain').join(', ')})` : '';
      return {
        status: 'fail',
        message: `${subjectName(constraint)} has no ${what}${others}`,
        evidence: [{ path: subject.path }],
      };
    }
    return {
      status: 'pass',
      message: `${subjectName(constraint)} has ${what}`,
      evidence: [{ path: subject.path, span: [block.start, block.end] }],
    };
  },
});
