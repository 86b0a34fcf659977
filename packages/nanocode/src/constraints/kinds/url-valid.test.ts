import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
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

describe('url_valid', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
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
