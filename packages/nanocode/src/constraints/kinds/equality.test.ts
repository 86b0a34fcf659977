import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

describe('equals and one_of', () => {
  it.each([
    [{ kind: 'equals', value: { a: [1, 2] } }, { a: [1, 2] }, 'pass'],
    [{ kind: 'equals', value: { a: [1, 2] } }, { a: [2, 1] }, 'fail'],
    [{ kind: 'equals', value: 1 }, '1', 'fail'],
    [{ kind: 'equals', value: 'yes', field: 'label' }, { label: 'yes' }, 'pass'],
    [{ kind: 'one_of', values: ['a', 'b'], field: 'label' }, { label: 'b' }, 'pass'],
    [{ kind: 'one_of', values: ['a', 'b'], field: 'label' }, { label: 'c' }, 'fail'],
    [{ kind: 'one_of', values: ['a'], field: 'label' }, {}, 'fail'],
  ] as const)('%o on %j is %s', async (constraint, output, status) => {
    const verdict = await runCheck({ constraint, ctx: { output } });
    expect(verdict.status).toBe(status);
  });

  it('points at the differing value', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'equals', value: 'yes', field: 'label' },
      ctx: { output: { label: 'no' } },
    });
    expect(verdict.evidence).toEqual([{ path: '$.label', value: 'no' }]);
    expect(verdict.message).toBe('label is "no"; expected "yes"');
  });
});
