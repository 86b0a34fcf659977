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
  ['contains pass', { kind: 'contains', value: 'Paris' }, 'It is Paris.', 'pass'],
  ['contains fail (case)', { kind: 'contains', value: 'paris' }, 'It is Paris.', 'fail'],
  ['contains case-insensitive', { kind: 'contains', value: 'paris', case_sensitive: false }, 'Paris', 'pass'],
  ['contains_any pass', { kind: 'contains_any', values: ['x', 'Paris'] }, 'Paris', 'pass'],
  ['contains_any fail', { kind: 'contains_any', values: ['x', 'y'] }, 'Paris', 'fail'],
  ['contains_all pass', { kind: 'contains_all', values: ['a', 'b'] }, 'ab', 'pass'],
  ['contains_all fail', { kind: 'contains_all', values: ['a', 'z'] }, 'ab', 'fail'],
  ['not_contains pass', { kind: 'not_contains', values: ['sorry'] }, 'Here it is', 'pass'],
  ['not_contains fail', { kind: 'not_contains', values: ['Sorry'], case_sensitive: false }, 'sorry!', 'fail'],
  ['starts_with pass', { kind: 'starts_with', value: 'Yes' }, '\n Yes, it is', 'pass'],
  ['starts_with fail', { kind: 'starts_with', value: 'Yes' }, 'No', 'fail'],
  ['ends_with pass', { kind: 'ends_with', value: 'Done.' }, 'All Done.\n', 'pass'],
  ['ends_with fail', { kind: 'ends_with', value: 'Done.', case_sensitive: false }, 'Not yet', 'fail'],
  ['is_json pass', { kind: 'is_json' }, ' {"a": 1} ', 'pass'],
  ['is_json fail', { kind: 'is_json' }, '{"a": 1', 'fail'],
  ['contains_json pass', { kind: 'contains_json' }, 'Sure: ```json\n{"a": [1, "}"]}\n```', 'pass'],
  ['contains_json fail', { kind: 'contains_json' }, 'no {json} here', 'fail'],
  ['levenshtein pass', { kind: 'levenshtein', value: 'kitten', max: 3 }, 'sitting', 'pass'],
  ['levenshtein fail', { kind: 'levenshtein', value: 'kitten', max: 2 }, 'sitting', 'fail'],
  ['levenshtein fail fast', { kind: 'levenshtein', value: 'a', max: 1 }, 'a'.repeat(10_000), 'fail'],
  ['code_block pass', { kind: 'code_block' }, 'x\n```\ncode\n```\n', 'pass'],
  ['code_block language', { kind: 'code_block', language: 'Python' }, '```python\nprint(1)\n```', 'pass'],
  ['code_block wrong language', { kind: 'code_block', language: 'ts' }, '```python\nprint(1)\n```', 'fail'],
  ['code_block unclosed', { kind: 'code_block' }, '```js\nx', 'fail'],
  ['url_valid pass', { kind: 'url_valid' }, 'See https://example.com/a?b=1.', 'pass'],
  ['url_valid no urls', { kind: 'url_valid' }, 'nothing here', 'pass'],
  ['url_valid scheme', { kind: 'url_valid' }, 'run ftp://example.com/x', 'fail'],
  ['url_valid bad host', { kind: 'url_valid' }, 'go to http://exa mple', 'pass'],
  ['url_valid unparseable', { kind: 'url_valid' }, 'go to http://exa%zzmple.com/', 'fail'],
  ['url_valid require_https', { kind: 'url_valid', require_https: true }, 'http://example.com', 'fail'],
  [
    'url_valid allow_hosts ok',
    { kind: 'url_valid', allow_hosts: ['example.com'] },
    'https://docs.example.com/x',
    'pass',
  ],
  [
    'url_valid allow_hosts no',
    { kind: 'url_valid', allow_hosts: ['example.com'] },
    'https://evil.com/example.com',
    'fail',
  ],
];

describe('text kinds', () => {
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

  it('url_valid reports the offending URL with a span', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'url_valid', require_https: true },
      ctx: { text: 'a http://x.org/ b' },
    });
    expect(verdict.evidence[0]).toMatchObject({ span: [2, 15], value: 'http://x.org/' });
    expect(verdict.message).toContain('is not https');
  });
});
