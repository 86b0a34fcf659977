import type { ConstraintContext } from '../../spec/constraint.js';
import type { Evidence, Verdict } from '../../spec/verdict.js';
import { checkedText, checkedValue, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import { findQuotedSpans } from '../find-quoted-spans.js';
import type { KindFactory } from '../kind-factory.js';
import { normalizeText } from '../normalize-text.js';

interface Quote {
  text: string;
  evidence: Evidence;
}

function judgeQuotes(options: {
  quotes: Quote[];
  source: string;
  case_sensitive: boolean;
  name: string;
}): Verdict {
  const source = normalizeText({ text: options.source, case_sensitive: options.case_sensitive });
  const missing = options.quotes.filter(
    (quote) => !source.includes(normalizeText({ text: quote.text, case_sensitive: options.case_sensitive })),
  );
  const total = options.quotes.length;
  if (missing.length === 0) {
    return {
      status: 'pass',
      message: `all ${total} quote(s) in ${options.name} appear in the source`,
      evidence: [],
    };
  }
  return {
    status: 'fail',
    message: `${missing.length} of ${total} quote(s) in ${options.name} do not appear in the source: ${missing
      .slice(0, 2)
      .map((q) => JSON.stringify(clipValue(q.text)))
      .join(', ')}`,
    evidence: missing.map((quote) => quote.evidence),
  };
}

function renderSource(options: { ctx: ConstraintContext; template: string }): string {
  return options.ctx.render(options.template);
}

/**
 * `quotes_in`: the selected field is a quote (string) or a list of quotes, and each one appears in the
 * rendered `source`, whitespace-normalised (and case-folded unless `case_sensitive`). Empty quotes are
 * ignored; a non-string item fails.
 */
export const quotesInKind: KindFactory<'quotes_in'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedValue({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const items = Array.isArray(subject.value) ? subject.value : [subject.value];
    const quotes: Quote[] = [];
    for (const [index, item] of items.entries()) {
      const path = Array.isArray(subject.value) ? `${subject.path}[${index}]` : subject.path;
      if (typeof item !== 'string') {
        return {
          status: 'fail',
          message: `quote at ${path} is not a string`,
          evidence: [{ path, value: clipValue(item) }],
        };
      }
      if (item.trim() !== '') quotes.push({ text: item, evidence: { path, value: clipValue(item) } });
    }
    const source = renderSource({ ctx, template: constraint.source });
    return judgeQuotes({
      quotes,
      source,
      case_sensitive: constraint.case_sensitive,
      name: subjectName(constraint),
    });
  },
});

/**
 * `grounded`: every span quoted in the text (`"..."`, `“...”`, `„...“`, `«...»`, at least 3 characters)
 * appears in the rendered `source`. Text with no quoted spans passes: there is no claim to check.
 */
export const groundedKind: KindFactory<'grounded'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const quotes = findQuotedSpans({ text: subject.text, min_chars: 3 }).map((span) => ({
      text: span.text,
      evidence: {
        path: subject.path,
        span: [span.start, span.end] as [number, number],
        value: clipValue(span.text),
      },
    }));
    const source = renderSource({ ctx, template: constraint.source });
    return judgeQuotes({
      quotes,
      source,
      case_sensitive: constraint.case_sensitive,
      name: subjectName(constraint),
    });
  },
});
