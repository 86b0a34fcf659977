import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

describe('length kinds', () => {
  it.each([
    [{ kind: 'max_words', value: 3 }, 'one two three', 'pass'],
    [{ kind: 'max_words', value: 2 }, 'one two three', 'fail'],
    [{ kind: 'min_words', value: 3 }, 'one  two\nthree', 'pass'],
    [{ kind: 'min_words', value: 4 }, 'one two three', 'fail'],
    [{ kind: 'max_length', value: 5 }, 'héllo', 'pass'],
    [{ kind: 'max_length', value: 4 }, 'héllo', 'fail'],
    [{ kind: 'min_length', value: 2, unit: 'sentences' }, 'One. Two! Three', 'pass'],
    [{ kind: 'max_length', value: 2, unit: 'sentences' }, 'One. Two! Three', 'fail'],
    [{ kind: 'max_length', value: 2, unit: 'lines' }, 'a\nb\n', 'pass'],
    [{ kind: 'max_length', value: 2, unit: 'lines' }, 'a\nb\nc', 'fail'],
    [{ kind: 'max_length', value: 2, unit: 'tokens' }, '12345678', 'pass'],
    [{ kind: 'max_length', value: 2, unit: 'tokens' }, '123456789', 'fail'],
  ] as const)('%o on %j is %s', async (constraint, text, status) => {
    expect((await runCheck({ constraint, ctx: { text } })).status).toBe(status);
  });

  it('says how long the field is and what is allowed', async () => {
    const answer = Array.from({ length: 134 }, (_, i) => `w${i}`).join(' ');
    const verdict = await runCheck({
      constraint: { kind: 'max_words', value: 120, field: 'answer' },
      ctx: { output: { answer } },
    });
    expect(verdict).toMatchObject({
      status: 'fail',
      message: 'answer has 134 words; at most 120 allowed',
      evidence: [{ path: '$.answer', value: 134 }],
    });
  });

  it('fails when the field is missing', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'min_words', value: 1, field: 'a.b' },
      ctx: { output: { a: {} } },
    });
    expect(verdict).toMatchObject({ status: 'fail', evidence: [{ path: '$.a.b' }] });
  });
});
