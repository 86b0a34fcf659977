import { describe, expect, it } from 'vitest';
import type { CompiledConstraint } from '../spec/constraint.js';
import { compileConstraint } from './compile-constraint.js';
import { constraintOutcome } from './constraint-outcome.js';
import { evaluateConstraint } from './evaluate-constraint.js';
import { makeTestContext } from './make-test-context.js';

const compile = (constraint: Record<string, unknown>) =>
  compileConstraint({ constraint: { id: 'c', ...constraint } as never });

describe('evaluateConstraint', () => {
  it('applies negation: pass and fail swap, the message says not(...)', async () => {
    const compiled = compile({ kind: 'contains', value: 'sorry', negate: true });
    const apologetic = await evaluateConstraint({ compiled, ctx: makeTestContext({ text: 'sorry' }) });
    expect(apologetic).toMatchObject({ status: 'fail', message: 'not(output contains "sorry")' });
    const fine = await evaluateConstraint({ compiled, ctx: makeTestContext({ text: 'ok' }) });
    expect(fine.status).toBe('pass');
    expect(fine.message.startsWith('not(')).toBe(true);
  });

  it('keeps error as error under negation', async () => {
    const compiled = compile({ kind: 'language', value: 'en', negate: true });
    expect((await evaluateConstraint({ compiled, ctx: makeTestContext({ text: 'hi' }) })).status).toBe(
      'error',
    );
  });

  it('turns a throwing evaluate into an error verdict', async () => {
    const compiled: CompiledConstraint = {
      ...compile({ kind: 'is_json' }),
      evaluate: () => {
        throw new Error('bug');
      },
    };
    const verdict = await evaluateConstraint({ compiled, ctx: makeTestContext({}) });
    expect(verdict).toMatchObject({ status: 'error', message: 'evaluation threw: bug' });
  });

  it('returns an error verdict at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const verdict = await evaluateConstraint({
      compiled: compile({ kind: 'is_json' }),
      ctx: makeTestContext({ text: '{}', signal: controller.signal }),
    });
    expect(verdict.status).toBe('error');
    expect(verdict.message).toContain('aborted');
  });

  it('exposes the common fields of the compiled constraint', () => {
    const compiled = compile({ kind: 'pii', severity: 'soft', on_error: 'fail_open', feedback: 'no PII' });
    expect(compiled).toMatchObject({
      id: 'c',
      kind: 'pii',
      severity: 'soft',
      on_error: 'fail_open',
      stage: 'output',
      negate: false,
      feedback: 'no PII',
      async: false,
    });
    expect(compile({ kind: 'judge', model: 'm', rubric: 'r' }).async).toBe(true);
  });
});

describe('constraintOutcome', () => {
  it('maps error to fail under fail_closed and to unchecked under fail_open', () => {
    const closed = { on_error: 'fail_closed' } as const;
    const open = { on_error: 'fail_open' } as const;
    expect(constraintOutcome({ compiled: closed, verdict: { status: 'error' } })).toBe('fail');
    expect(constraintOutcome({ compiled: open, verdict: { status: 'error' } })).toBe('unchecked');
    expect(constraintOutcome({ compiled: open, verdict: { status: 'fail' } })).toBe('fail');
    expect(constraintOutcome({ compiled: closed, verdict: { status: 'pass' } })).toBe('pass');
  });
});
