import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CustomConstraint } from '../../spec/constraint.js';
import { compileConstraint } from '../compile-constraint.js';
import { runCheck } from '../run-check.js';

const zodAnswer: CustomConstraint = {
  spec: 'nanocode.constraint/v1',
  name: 'zod-answer',
  check: {
    type: 'standard-schema',
    schema: z.object({ answer: z.string().min(3), tags: z.array(z.string()) }),
  },
};
const valibotAnswer: CustomConstraint = {
  spec: 'nanocode.constraint/v1',
  name: 'valibot-answer',
  check: { type: 'standard-schema', schema: v.object({ answer: v.pipe(v.string(), v.minLength(3)) }) },
};
const politeness: CustomConstraint = {
  spec: 'nanocode.constraint/v1',
  name: 'polite',
  check: {
    type: 'function',
    run: async (ctx) =>
      ctx.text.includes('please')
        ? { status: 'pass', message: 'polite', evidence: [] }
        : { status: 'fail', message: 'says no please', evidence: [{ path: '$' }] },
  },
};
const custom = [zodAnswer, valibotAnswer, politeness];

describe('custom', () => {
  it('validates with a zod schema, issues becoming evidence with paths', async () => {
    const ok = await runCheck({
      constraint: { kind: 'custom', name: 'zod-answer' },
      custom,
      ctx: { output: { answer: 'yes', tags: [] } },
    });
    expect(ok.status).toBe('pass');
    const bad = await runCheck({
      constraint: { kind: 'custom', name: 'zod-answer' },
      custom,
      ctx: { output: { answer: 'no', tags: ['a', 1] } },
    });
    expect(bad.status).toBe('fail');
    expect(bad.evidence.map((e) => e.path)).toEqual(['$.answer', '$.tags[1]']);
  });

  it('validates with a valibot schema on a selected field', async () => {
    const bad = await runCheck({
      constraint: { kind: 'custom', name: 'valibot-answer', field: 'data' },
      custom: new Map([[valibotAnswer.name, valibotAnswer]]),
      ctx: { output: { data: { answer: 'no' } } },
    });
    expect(bad).toMatchObject({ status: 'fail', evidence: [{ path: '$.data.answer' }] });
    const ok = await runCheck({
      constraint: { kind: 'custom', name: 'valibot-answer', field: 'data' },
      custom,
      ctx: { output: { data: { answer: 'yes' } } },
    });
    expect(ok.status).toBe('pass');
  });

  it('runs a registered function', async () => {
    const constraint = { kind: 'custom', name: 'polite' };
    expect((await runCheck({ constraint, custom, ctx: { text: 'please' } })).status).toBe('pass');
    expect((await runCheck({ constraint, custom, ctx: { text: 'now' } })).status).toBe('fail');
  });

  it('turns a throwing or malformed function into an error verdict', async () => {
    const throwing: CustomConstraint = {
      spec: 'nanocode.constraint/v1',
      name: 'boom',
      check: {
        type: 'function',
        run: () => {
          throw new Error('kaboom');
        },
      },
    };
    const malformed = {
      ...throwing,
      name: 'odd',
      check: { type: 'function', run: () => ({ ok: true }) },
    } as never;
    const boom = await runCheck({ constraint: { kind: 'custom', name: 'boom' }, custom: [throwing] });
    expect(boom).toMatchObject({ status: 'error' });
    expect(boom.message).toContain('kaboom');
    expect(
      (await runCheck({ constraint: { kind: 'custom', name: 'odd' }, custom: [malformed] })).status,
    ).toBe('error');
  });

  it('refuses an unregistered name at compile time', () => {
    expect(() =>
      compileConstraint({ constraint: { id: 'x', kind: 'custom', name: 'nope' } as never, custom }),
    ).toThrowError(expect.objectContaining({ code: 'NC_CFG_UNKNOWN_CUSTOM' }));
  });
});
