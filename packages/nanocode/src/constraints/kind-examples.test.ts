import { describe, expect, it } from 'vitest';
import type { ConstraintContext, CustomConstraint } from '../spec/constraint.js';
import type { ConstraintKind } from '../spec/constraint-kinds.js';
import { CONSTRAINT_KINDS } from '../spec/constraint-kinds.js';
import { compileConstraint } from './compile-constraint.js';
import { evaluateConstraint } from './evaluate-constraint.js';
import type { JudgeRunner } from './judge-runner.js';
import { makeTestContext } from './make-test-context.js';

type Ctx = Partial<ConstraintContext>;
interface Example {
  params: Record<string, unknown>;
  pass: Ctx;
  fail: Ctx;
}

const text = (t: string): Ctx => ({ text: t, output: t });
const json = (output: unknown): Ctx => ({ output, text: JSON.stringify(output) });
const english = 'This answer is written in plain English so the detector can tell.';

/** One passing and one failing context per kind; the Record type makes a new kind without an example a type error. */
const EXAMPLES: Record<ConstraintKind, Example> = {
  json_schema: {
    params: { schema: { type: 'object', required: ['a'] } },
    pass: json({ a: 1 }),
    fail: json({}),
  },
  regex: { params: { pattern: '^ok' }, pass: text('ok!'), fail: text('no') },
  not_regex: { params: { pattern: 'bad' }, pass: text('good'), fail: text('bad') },
  contains: { params: { value: 'x' }, pass: text('axb'), fail: text('ab') },
  contains_any: { params: { values: ['x', 'y'] }, pass: text('y'), fail: text('z') },
  contains_all: { params: { values: ['x', 'y'] }, pass: text('xy'), fail: text('x') },
  not_contains: { params: { values: ['x'] }, pass: text('y'), fail: text('x') },
  equals: { params: { value: { a: 1 } }, pass: json({ a: 1 }), fail: json({ a: 2 }) },
  one_of: { params: { values: ['a', 'b'] }, pass: text('a'), fail: text('c') },
  min_length: { params: { value: 3 }, pass: text('abc'), fail: text('ab') },
  max_length: { params: { value: 3, unit: 'words' }, pass: text('a b c'), fail: text('a b c d') },
  min_words: { params: { value: 2 }, pass: text('a b'), fail: text('a') },
  max_words: { params: { value: 2 }, pass: text('a b'), fail: text('a b c') },
  starts_with: { params: { value: 'Yes' }, pass: text('Yes.'), fail: text('No.') },
  ends_with: { params: { value: '.' }, pass: text('Yes.'), fail: text('Yes') },
  is_json: { params: {}, pass: text('[1]'), fail: text('[1') },
  contains_json: { params: {}, pass: text('x {"a":1} y'), fail: text('x y') },
  levenshtein: { params: { value: 'hello', max: 1 }, pass: text('hallo'), fail: text('help!') },
  pii: { params: { types: ['email'] }, pass: text('none'), fail: text('me@x.org') },
  quotes_in: {
    params: { field: 'q', source: '{{ inputs.ctx }}' },
    pass: { input: { ctx: 'the sky is blue' }, output: { q: ['sky is blue'] } },
    fail: { input: { ctx: 'the sky is blue' }, output: { q: ['sky is green'] } },
  },
  grounded: {
    params: { source: '{{ inputs.ctx }}' },
    pass: { input: { ctx: 'the sky is blue' }, text: 'It said "sky is blue".' },
    fail: { input: { ctx: 'the sky is blue' }, text: 'It said "sky is green".' },
  },
  language: {
    params: { value: 'en' },
    pass: text(english),
    fail: text('Ceci est une réponse écrite en français, voilà.'),
  },
  url_valid: { params: { require_https: true }, pass: text('https://a.org'), fail: text('http://a.org') },
  code_block: { params: {}, pass: text('```\nx\n```'), fail: text('x') },
  latency_ms: { params: { max: 10 }, pass: { latency_ms: 10 }, fail: { latency_ms: 11 } },
  cost_usd: { params: { max: 0.1 }, pass: { cost_usd: 0.1 }, fail: { cost_usd: 0.2 } },
  tokens: {
    params: { max: 10 },
    pass: { usage: { input_tokens: 5, output_tokens: 5 } },
    fail: { usage: { input_tokens: 5, output_tokens: 6 } },
  },
  expr: { params: { expr: 'output.n > 1' }, pass: json({ n: 2 }), fail: json({ n: 1 }) },
  judge: { params: { model: 'm', rubric: 'long enough?' }, pass: text('a long answer'), fail: text('short') },
  custom: { params: { name: 'even' }, pass: json(2), fail: json(3) },
};

const custom: CustomConstraint[] = [
  {
    spec: 'nanocode.constraint/v1',
    name: 'even',
    check: {
      type: 'function',
      run: (ctx) =>
        (ctx.output as number) % 2 === 0
          ? { status: 'pass', message: 'even', evidence: [] }
          : { status: 'fail', message: 'odd', evidence: [] },
    },
  },
];
const judge: JudgeRunner = async ({ text: graded }) => ({
  score: graded.length > 8 ? 0.9 : 0.1,
  reason: 'length',
});

/** A context whose every field throws on access: evaluation must still yield a verdict. */
function explodingContext(): ConstraintContext {
  const signal = new AbortController().signal;
  return new Proxy({} as ConstraintContext, {
    get(_target, key) {
      if (key === 'signal') return signal;
      if (key === 'then') return undefined;
      throw new Error(`context field ${String(key)} is broken`);
    },
  });
}

function compile(options: { kind: ConstraintKind; negate?: boolean }) {
  const example = EXAMPLES[options.kind];
  const constraint = {
    id: `k-${options.kind}`,
    kind: options.kind,
    negate: options.negate ?? false,
    ...example.params,
  };
  return compileConstraint({ constraint: constraint as never, custom, judge });
}

describe.each(CONSTRAINT_KINDS)('kind %s', (kind) => {
  it('passes, fails and errors', async () => {
    const compiled = compile({ kind });
    const pass = await evaluateConstraint({ compiled, ctx: makeTestContext(EXAMPLES[kind].pass) });
    expect(pass.status, pass.message).toBe('pass');
    const fail = await evaluateConstraint({ compiled, ctx: makeTestContext(EXAMPLES[kind].fail) });
    expect(fail.status, fail.message).toBe('fail');
    const error = await evaluateConstraint({ compiled, ctx: explodingContext() });
    expect(error.status).toBe('error');
  });

  it('inverts under negation', async () => {
    const compiled = compile({ kind, negate: true });
    expect((await evaluateConstraint({ compiled, ctx: makeTestContext(EXAMPLES[kind].pass) })).status).toBe(
      'fail',
    );
    expect((await evaluateConstraint({ compiled, ctx: makeTestContext(EXAMPLES[kind].fail) })).status).toBe(
      'pass',
    );
    expect((await evaluateConstraint({ compiled, ctx: explodingContext() })).status).toBe('error');
  });
});
