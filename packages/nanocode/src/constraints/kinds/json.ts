import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import { findJson } from '../find-json.js';
import type { KindFactory } from '../kind-factory.js';

/** `is_json`: the whole text (trimmed) parses as JSON. */
export const isJsonKind: KindFactory<'is_json'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const name = subjectName(constraint);
    try {
      JSON.parse(subject.text);
      return { status: 'pass', message: `${name} is valid JSON`, evidence: [] };
    } catch (cause) {
      return {
        status: 'fail',
        message: `${name} is not valid JSON: ${(cause as Error).message}`,
        evidence: [{ path: subject.path, value: clipValue(subject.text) }],
      };
    }
  },
});

/** `contains_json`: a JSON object or array appears somewhere in the text (e.g. inside prose or a fence). */
export const containsJsonKind: KindFactory<'contains_json'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const name = subjectName(constraint);
    const found = findJson({ text: subject.text });
    if (found === undefined) {
      return {
        status: 'fail',
        message: `${name} contains no JSON object or array`,
        evidence: [{ path: subject.path }],
      };
    }
    return {
      status: 'pass',
      message: `${name} contains JSON at ${found.start}-${found.end}`,
      evidence: [{ path: subject.path, span: [found.start, found.end] }],
    };
  },
});
