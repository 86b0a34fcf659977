import type { ConstraintContext } from '../../spec/constraint.js';
import type { Evidence, Verdict } from '../../spec/verdict.js';
import { checkedText, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';

interface Needles {
  field?: string | undefined;
  stage: 'input' | 'output';
  case_sensitive: boolean;
}

/** Finds each needle in the selected text; `at` is -1 when absent. Case folding uses `toLowerCase`. */
function findAll(options: { ctx: ConstraintContext; constraint: Needles; values: readonly string[] }) {
  const subject = checkedText({
    ctx: options.ctx,
    field: options.constraint.field,
    stage: options.constraint.stage,
  });
  if (!subject.ok) return subject;
  const fold = (s: string) => (options.constraint.case_sensitive ? s : s.toLowerCase());
  const haystack = fold(subject.text);
  const hits = options.values.map((value) => ({ value, at: haystack.indexOf(fold(value)) }));
  return { ok: true as const, path: subject.path, hits };
}

function spanOf(options: { path: string; hit: { value: string; at: number } }): Evidence {
  const { hit } = options;
  return { path: options.path, span: [hit.at, hit.at + hit.value.length], value: clipValue(hit.value) };
}

const quote = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** `contains`: the text contains `value`. */
export const containsKind: KindFactory<'contains'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const found = findAll({ ctx, constraint, values: [constraint.value] });
    if (!found.ok) return found.verdict;
    const [hit] = found.hits;
    if (hit === undefined || hit.at < 0) {
      return {
        status: 'fail',
        message: `${subjectName(constraint)} does not contain ${quote([constraint.value])}`,
        evidence: [{ path: found.path }],
      };
    }
    const message = `${subjectName(constraint)} contains ${quote([constraint.value])}`;
    return { status: 'pass', message, evidence: [spanOf({ path: found.path, hit })] };
  },
});

/** `contains_any`: the text contains at least one of `values`. */
export const containsAnyKind: KindFactory<'contains_any'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const found = findAll({ ctx, constraint, values: constraint.values });
    if (!found.ok) return found.verdict;
    const hit = found.hits.find((h) => h.at >= 0);
    if (hit === undefined) {
      return {
        status: 'fail',
        message: `${subjectName(constraint)} contains none of ${quote(constraint.values)}`,
        evidence: [{ path: found.path }],
      };
    }
    const message = `${subjectName(constraint)} contains ${quote([hit.value])}`;
    return { status: 'pass', message, evidence: [spanOf({ path: found.path, hit })] };
  },
});

/** `contains_all`: the text contains every one of `values`. */
export const containsAllKind: KindFactory<'contains_all'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const found = findAll({ ctx, constraint, values: constraint.values });
    if (!found.ok) return found.verdict;
    const missing = found.hits.filter((h) => h.at < 0).map((h) => h.value);
    if (missing.length > 0) {
      return {
        status: 'fail',
        message: `${subjectName(constraint)} is missing ${quote(missing)}`,
        evidence: missing.map((value) => ({ path: found.path, value: clipValue(value) })),
      };
    }
    const evidence = found.hits.map((hit) => spanOf({ path: found.path, hit }));
    return {
      status: 'pass',
      message: `${subjectName(constraint)} contains all ${found.hits.length} values`,
      evidence,
    };
  },
});

/** `not_contains`: the text contains none of `values`. */
export const notContainsKind: KindFactory<'not_contains'> = ({ constraint }) => ({
  async: false,
  evaluate(ctx): Verdict {
    const found = findAll({ ctx, constraint, values: constraint.values });
    if (!found.ok) return found.verdict;
    const present = found.hits.filter((h) => h.at >= 0);
    if (present.length > 0) {
      return {
        status: 'fail',
        message: `${subjectName(constraint)} contains ${quote(present.map((h) => h.value))}`,
        evidence: present.map((hit) => spanOf({ path: found.path, hit })),
      };
    }
    return {
      status: 'pass',
      message: `${subjectName(constraint)} contains none of ${quote(constraint.values)}`,
      evidence: [],
    };
  },
});
