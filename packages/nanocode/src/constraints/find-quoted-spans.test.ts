import { describe, expect, it } from 'vitest';
import { findQuotedSpans } from './find-quoted-spans.js';

describe('findQuotedSpans', () => {
  it('finds straight, curly, low-high and guillemet quotes, skipping short ones', () => {
    const text = 'a "one two" b “three” c „four“ d «five» e "x"';
    expect(findQuotedSpans({ text, min_chars: 3 }).map((s) => s.text)).toEqual([
      'one two',
      'three',
      'four',
      'five',
    ]);
  });

  it('gives spans without the quote marks', () => {
    const [span] = findQuotedSpans({ text: 'say "hello"', min_chars: 1 });
    expect(span).toEqual({ text: 'hello', start: 5, end: 10 });
  });
});
