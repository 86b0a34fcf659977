import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['levenshtein pass', { kind: 'levenshtein', value: 'kitten', max: 3 }, 'sitting', 'pass'],
  ['levenshtein fail', { kind: 'levenshtein', value: 'kitten', max: 2 }, 'sitting', 'fail'],
  ['levenshtein fail fast', { kind: 'levenshtein', value: 'a', max: 1 }, 'a'.repeat(10_000), 'fail'],
];

describe('levenshtein', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });
});
