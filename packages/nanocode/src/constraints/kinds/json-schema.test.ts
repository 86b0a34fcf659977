import { describe, expect, it } from 'vitest';
import type { NanocodeError } from '../../spec/errors.js';
import { compileConstraint } from '../compile-constraint.js';
import { runCheck } from '../run-check.js';

const schema = {
  type: 'object',
  required: ['answer', 'quotes'],
  properties: {
    answer: { type: 'string' },
    quotes: { type: 'array', items: { type: 'string' } },
    email: { type: 'string', format: 'email' },
  },
};

describe('json_schema', () => {
  it('passes a valid output', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'json_schema', schema },
      ctx: { output: { answer: 'a', quotes: [] } },
    });
    expect(verdict.status).toBe('pass');
  });

  it('fails with evidence at each instance path', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'json_schema', schema },
      ctx: { output: { answer: 3, quotes: ['ok', 5], email: 'nope' } },
    });
    expect(verdict.status).toBe('fail');
    const paths = verdict.evidence.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['$.answer', '$.quotes[1]', '$.email']));
    expect(verdict.message).toContain('$.answer must be string');
  });

  it('validates a selected field with paths below it', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'json_schema', field: 'data', schema: { type: 'object', required: ['x'] } },
      ctx: { output: { data: {} } },
    });
    expect(verdict).toMatchObject({ status: 'fail', evidence: [{ path: '$.data' }] });
  });

  it('fails a text output that is not an object', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'json_schema', schema },
      ctx: { output: 'not json' },
    });
    expect(verdict.status).toBe('fail');
  });

  it('rejects a schema that does not compile', () => {
    expect(() =>
      compileConstraint({
        constraint: { id: 's', kind: 'json_schema', schema: { type: 'nonsense' } } as never,
      }),
    ).toThrowError(expect.objectContaining({ code: 'NC_CFG_INVALID_PARAMS' }) as NanocodeError);
  });
});
