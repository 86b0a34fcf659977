import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

describe('pii', () => {
  it('passes clean text', async () => {
    expect(
      (await runCheck({ constraint: { kind: 'pii' }, ctx: { text: 'Nothing personal here.' } })).status,
    ).toBe('pass');
  });

  it('fails with masked evidence, never the value itself', async () => {
    const text = 'Write to jane.doe@example.com or pay 4111 1111 1111 1111.';
    const verdict = await runCheck({
      constraint: { kind: 'pii', types: ['email', 'credit_card'] },
      ctx: { text },
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.evidence).toEqual([
      { path: '$', span: [9, 29], value: { type: 'email', value: 'j***@e***.com' } },
      { path: '$', span: [37, 56], value: { type: 'credit_card', value: '****1111' } },
    ]);
    const serialized = JSON.stringify(verdict);
    expect(serialized).not.toContain('jane.doe@example.com');
    expect(serialized).not.toContain('4111 1111 1111 1111');
  });

  it('checks only the listed types', async () => {
    const verdict = await runCheck({ constraint: { kind: 'pii', types: ['ssn'] }, ctx: { text: 'a@b.io' } });
    expect(verdict.status).toBe('pass');
  });

  it('rejects an unknown type at compile time', async () => {
    await expect(runCheck({ constraint: { kind: 'pii', types: ['dna'] } })).rejects.toMatchObject({
      code: 'NC_CFG_INVALID_PARAMS',
    });
  });
});
