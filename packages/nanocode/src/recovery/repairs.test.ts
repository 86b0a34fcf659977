import { describe, expect, it } from 'vitest';
import { applyRepairs, DEFAULT_TRUNCATE_CHARS } from './repairs.js';

describe('applyRepairs', () => {
  it('strip_code_fences unwraps a fenced answer', () => {
    const result = applyRepairs({ fixes: ['strip_code_fences'], text: '\n```json\n{"a": 1}\n```\n' });
    expect(result).toEqual({ text: '{"a": 1}', applied: ['strip_code_fences'], changed: true });
  });

  it('strip_code_fences keeps prose and block contents when fences are inside', () => {
    const text = 'Here:\n```python\nprint(1)\n```\nDone.';
    expect(applyRepairs({ fixes: ['strip_code_fences'], text }).text).toBe('Here:\nprint(1)\nDone.');
  });

  it('extract_json takes the first balanced JSON value, ignoring braces in strings and prose', () => {
    const text = 'Sure {not json}! Here: {"a": "}{", "b": [1, {"c": 2}]} and [3]';
    const result = applyRepairs({ fixes: ['extract_json'], text });
    expect(result.text).toBe('{"a": "}{", "b": [1, {"c": 2}]}');
    expect(JSON.parse(result.text)).toEqual({ a: '}{', b: [1, { c: 2 }] });
  });

  it('extract_json leaves text without JSON unchanged and does not count as applied', () => {
    expect(applyRepairs({ fixes: ['extract_json'], text: 'no json [here' })).toEqual({
      text: 'no json [here',
      applied: [],
      changed: false,
    });
  });

  it('truncate cuts to maxChars code points, with a documented default', () => {
    expect(applyRepairs({ fixes: ['truncate'], text: 'a😀bc', maxChars: 2 }).text).toBe('a😀');
    const long = 'x'.repeat(DEFAULT_TRUNCATE_CHARS + 10);
    expect(applyRepairs({ fixes: ['truncate'], text: long }).text).toHaveLength(DEFAULT_TRUNCATE_CHARS);
  });

  it('redact_pii replaces each detected value with its type', () => {
    const text = 'Mail jane@example.com, card 4111 1111 1111 1111, ssn 123-45-6789.';
    expect(applyRepairs({ fixes: ['redact_pii'], text }).text).toBe(
      'Mail [REDACTED:email], card [REDACTED:credit_card], ssn [REDACTED:ssn].',
    );
  });

  it('trim removes surrounding whitespace', () => {
    expect(applyRepairs({ fixes: ['trim'], text: '  ok \n' }).text).toBe('ok');
  });

  it('applies fixes in order and lists the ones that changed something', () => {
    const text = '  ```\n{"email": "a@b.io"}\n```  ';
    const result = applyRepairs({ fixes: ['trim', 'strip_code_fences', 'extract_json', 'redact_pii'], text });
    expect(result).toEqual({
      text: '{"email": "[REDACTED:email]"}',
      applied: ['trim', 'strip_code_fences', 'redact_pii'],
      changed: true,
    });
  });

  it('is deterministic and pure', () => {
    const options = {
      fixes: ['redact_pii', 'truncate'] as const,
      text: 'call 555-123-4567 now',
      maxChars: 12,
    };
    expect(applyRepairs(options)).toEqual(applyRepairs(options));
    expect(options.text).toBe('call 555-123-4567 now');
  });
});
