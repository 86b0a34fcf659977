import { describe, expect, it } from 'vitest';
import { retryMessages } from './feedback.js';

describe('retryMessages', () => {
  it('sends the original prompt, only the last failed output and the violations (O(1) growth)', () => {
    const original = [{ role: 'user' as const, content: 'Q' }];
    const first = retryMessages({
      original,
      lastOutput: 'A1',
      violations: [{ constraint: 'short', message: 'too long' }],
    });
    const second = retryMessages({
      original,
      lastOutput: 'A2',
      violations: [{ constraint: 'short', message: 'still long' }],
    });
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(second[1]).toEqual({ role: 'assistant', content: 'A2' });
    expect(JSON.stringify(second)).not.toContain('A1');
    expect(second[2]?.content).toContain('- short: still long');
  });
});
