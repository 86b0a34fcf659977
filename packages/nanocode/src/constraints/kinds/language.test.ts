import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

const english = 'The quick brown fox jumps over the lazy dog, and then it runs far away into the forest.';
const french = 'Le renard brun rapide saute par-dessus le chien paresseux, puis il court loin dans la forêt.';

describe('language', () => {
  it('passes the expected language, by 639-1 or 639-3 code', async () => {
    expect(
      (await runCheck({ constraint: { kind: 'language', value: 'en' }, ctx: { text: english } })).status,
    ).toBe('pass');
    expect(
      (await runCheck({ constraint: { kind: 'language', value: ['fra', 'de'] }, ctx: { text: french } }))
        .status,
    ).toBe('pass');
  });

  it('fails another language and names it', async () => {
    const verdict = await runCheck({ constraint: { kind: 'language', value: 'en' }, ctx: { text: french } });
    expect(verdict).toMatchObject({ status: 'fail', evidence: [{ value: 'fr' }] });
  });

  it('is an error for text too short to detect', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'language', value: 'en' },
      ctx: { text: 'Hi there' },
    });
    expect(verdict.status).toBe('error');
    expect(verdict.message).toContain('too short to detect');
  });
});
