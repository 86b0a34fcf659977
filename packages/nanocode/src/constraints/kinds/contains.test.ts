import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['contains pass', { kind: 'contains', value: 'Paris' }, 'It is Paris.', 'pass'],
  ['contains fail (case)', { kind: 'contains', value: 'paris' }, 'It is Paris.', 'fail'],
  ['contains case-insensitive', { kind: 'contains', value: 'paris', case_sensitive: false }, 'Paris', 'pass'],
  ['contains_any pass', { kind: 'contains_any', values: ['x', 'Paris'] }, 'Paris', 'pass'],
  ['contains_any fail', { kind: 'contains_any', values: ['x', 'y'] }, 'Paris', 'fail'],
  ['contains_all pass', { kind: 'contains_all', values: ['a', 'b'] }, 'ab', 'pass'],
  ['contains_all fail', { kind: 'contains_all', values: ['a', 'z'] }, 'ab', 'fail'],
  ['not_contains pass', { kind: 'not_contains', values: ['sorry'] }, 'Here it is', 'pass'],
  ['not_contains fail', { kind: 'not_contains', values: ['Sorry'], case_sensitive: false }, 'sorry!', 'fail'],
];

describe('contains kinds', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });

  it('errors when a text kind cannot select its field (missing field fails with the path)', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'contains', value: 'x', field: 'answer' },
      ctx: { output: { other: 1 }, text: '{"other":1}' },
    });
    expect(verdict).toMatchObject({ status: 'fail', evidence: [{ path: '$.answer' }] });
    expect(verdict.message).toContain('`answer` is missing');
  });

  it('checks the JSON form of a non-string field', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'contains', value: '"n":2', field: 'data' },
      ctx: { output: { data: { n: 2 } } },
    });
    expect(verdict.status).toBe('pass');
  });

  it('gives spans for contains and not_regex matches', async () => {
    const contains = await runCheck({
      constraint: { kind: 'contains', value: 'lo' },
      ctx: { text: 'hello' },
    });
    expect(contains.evidence[0]).toMatchObject({ path: '$', span: [3, 5], value: 'lo' });
    const notRegex = await runCheck({
      constraint: { kind: 'not_regex', pattern: 'l+' },
      ctx: { text: 'hello' },
    });
    expect(notRegex.evidence[0]).toMatchObject({ span: [2, 4], value: 'll' });
  });
});
