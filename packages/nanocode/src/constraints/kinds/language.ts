import { franc } from 'franc-min';
import type { Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import type { KindFactory } from '../kind-factory.js';
import { toIso6391 } from '../language-codes.js';

/** Texts shorter than this (trimmed, in characters) are too short for trigram detection to mean much. */
export const LANGUAGE_MIN_CHARS = 20;

/**
 * `language`: the text is in one of the given languages (ISO 639-1 like `en`, or 639-3 like `eng`),
 * as detected by franc-min (trigram statistics over 82 languages). Detection on short or mixed text is
 * unreliable, so text under {@link LANGUAGE_MIN_CHARS} characters, or text franc cannot place, is an
 * `error` verdict (let `on_error` decide), not a failure.
 */
export const languageKind: KindFactory<'language'> = ({ constraint }) => {
  const wanted = (Array.isArray(constraint.value) ? constraint.value : [constraint.value]).map((code) =>
    toIso6391(code.toLowerCase()),
  );
  return {
    async: false,
    evaluate(ctx): Verdict {
      const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      const name = subjectName(constraint);
      const text = subject.text.trim();
      if (text.length < LANGUAGE_MIN_CHARS) {
        return {
          status: 'error',
          message: `${name} is too short to detect its language`,
          evidence: [{ path: subject.path }],
        };
      }
      const detected = franc(text, { minLength: LANGUAGE_MIN_CHARS });
      if (detected === 'und') {
        return {
          status: 'error',
          message: `the language of ${name} could not be detected`,
          evidence: [{ path: subject.path }],
        };
      }
      const code = toIso6391(detected);
      const ok = wanted.includes(code);
      return {
        status: ok ? 'pass' : 'fail',
        message: `${name} is in ${code}${ok ? '' : `; expected ${wanted.join(' or ')}`}`,
        evidence: [{ path: subject.path, value: code }],
      };
    },
  };
};
