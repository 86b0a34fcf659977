import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['regex pass', { kind: 'regex', pattern: '^\\d+$' }, '12345', 'pass'],
  ['regex fail', { kind: 'regex', pattern: '^\\d+$' }, '12a45', 'fail'],
  ['regex flag i', { kind: 'regex', pattern: '^hello', flags: 'i' }, 'HELLO there', 'pass'],
  ['regex flag m', { kind: 'regex', pattern: '^b$', flags: 'm' }, 'a\nb\nc', 'pass'],
  ['regex flag s', { kind: 'regex', pattern: 'a.b', flags: 's' }, 'a\nb', 'pass'],
  ['not_regex pass', { kind: 'not_regex', pattern: 'TODO' }, 'all done', 'pass'],
  ['not_regex fail', { kind: 'not_regex', pattern: 'TODO' }, 'x TODO y', 'fail'],
];

describe('regex and not_regex', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });

  it('runs a catastrophic-backtracking pattern on 30,000 characters and returns', async () => {
    const text = `${'a'.repeat(30_000)}!`;
    const verdict = await runCheck({ constraint: { kind: 'regex', pattern: '(a+)+$' }, ctx: { text } });
    expect(verdict.status).toBe('fail');
    const not = await runCheck({ constraint: { kind: 'not_regex', pattern: '(a|aa)+b' }, ctx: { text } });
    expect(not.status).toBe('pass');
  });

  it('truncates long evidence values to 200 characters', async () => {
    const text = 'x'.repeat(1000);
    const verdict = await runCheck({ constraint: { kind: 'regex', pattern: 'y' }, ctx: { text } });
    expect(String(verdict.evidence[0]?.value).length).toBeLessThanOrEqual(200);
  });
});
