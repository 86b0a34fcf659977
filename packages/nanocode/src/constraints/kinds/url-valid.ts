import { RE2JS } from 're2js';
import type { Evidence, Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';

// Anything that looks like `scheme://...` up to whitespace or a bracket/quote that usually ends a link.
const URL_CANDIDATE = RE2JS.compile('[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s<>"\'`\\]\\[)(]+');
const TRAILING_PUNCTUATION = '.,;:!?\'"';

/** One problem with a URL found in the text. */
function problemWith(options: {
  raw: string;
  require_https: boolean;
  allow_hosts: string[] | undefined;
}): string | undefined {
  let url: URL;
  try {
    url = new URL(options.raw);
  } catch {
    return 'does not parse';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `uses ${url.protocol} (only http and https)`;
  if (options.require_https && url.protocol !== 'https:') return 'is not https';
  const allowed = options.allow_hosts;
  if (allowed !== undefined) {
    const host = url.hostname.toLowerCase();
    const ok = allowed.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
    if (!ok) return `host ${host} is not allowed`;
  }
  return undefined;
}

/**
 * `url_valid`: every URL in the text parses as a WHATWG URL with an http(s) scheme; with
 * `require_https`, only https; with `allow_hosts`, only those hosts and their subdomains. Text without
 * URLs passes.
 */
export const urlValidKind: KindFactory<'url_valid'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    const bad: { evidence: Evidence; problem: string }[] = [];
    let count = 0;
    for (const match of URL_CANDIDATE.matchAll(subject.text)) {
      let raw = match[0];
      while (raw.length > 0 && TRAILING_PUNCTUATION.includes(raw.charAt(raw.length - 1)))
        raw = raw.slice(0, -1);
      count++;
      const problem = problemWith({
        raw,
        require_https: constraint.require_https,
        allow_hosts: constraint.allow_hosts,
      });
      if (problem === undefined) continue;
      const at = match.index ?? 0;
      const span: [number, number] = [at, at + raw.length];
      bad.push({ problem, evidence: { path: subject.path, span, value: clipValue(raw) } });
    }
    const name = subjectName(constraint);
    if (bad.length === 0)
      return { status: 'pass', message: `${count} URL(s) in ${name} are valid`, evidence: [] };
    const first = bad[0]!;
    return {
      status: 'fail',
      message: `${bad.length} of ${count} URL(s) in ${name} are invalid: ${first.evidence.value} ${first.problem}`,
      evidence: bad.map((b) => b.evidence),
    };
  },
});
