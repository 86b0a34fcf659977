import { describe, expect, it } from 'vitest';
import { PLAYGROUND_PROD, PLAYGROUND_REFUSED, SUPPORT_ANSWER } from '../fixtures/recorded.js';
import { readPredicate } from './certificate-predicate.js';

describe('readPredicate', () => {
  it('reads the signed outcome and constraint statuses of a recorded certificate', () => {
    const predicate = readPredicate(SUPPORT_ANSWER.bundle.envelope);
    expect(predicate?.run_id).toBe(SUPPORT_ANSWER.run.summary.run_id);
    expect(predicate?.outcome).toBe('certified');
    expect(predicate?.constraints.map((c) => [c.id, c.status])).toEqual([
      ['shape', 'enforced'],
      ['grounded', 'enforced'],
      ['short', 'enforced'],
      ['no-pii', 'enforced'],
      ['calm', 'enforced'],
    ]);
  });

  it('carries a waiver with its reason and approver', () => {
    const tone = readPredicate(PLAYGROUND_PROD.bundle.envelope)?.constraints.find((c) => c.id === 'tone');
    expect(tone).toMatchObject({
      status: 'waived',
      verdict: 'fail',
      waiver: {
        reason: 'Tone check is being recalibrated; tracked in the risk register.',
        granted_by: 'risk-office',
      },
    });
  });

  it('decodes UTF-8 text in the payload', () => {
    const statement = {
      predicate: { outcome: 'stopped', constraints: [], error: { code: 'X', message: 'déjà — ✓' } },
    };
    const bytes = new TextEncoder().encode(JSON.stringify(statement));
    const payload = btoa(String.fromCharCode(...bytes));
    expect(readPredicate({ payload, payloadType: 'x', signatures: [] })?.error?.message).toBe('déjà — ✓');
  });

  it('returns undefined for what is not a run statement', () => {
    expect(readPredicate(undefined)).toBeUndefined();
    expect(readPredicate({ payload: '%%%', payloadType: 'x', signatures: [] })).toBeUndefined();
    expect(
      readPredicate({ payload: btoa('{"predicate":{}}'), payloadType: 'x', signatures: [] }),
    ).toBeUndefined();
    expect(readPredicate(PLAYGROUND_REFUSED.bundle.envelope)?.outcome).toBe('stopped');
  });
});
