import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['code_block pass', { kind: 'code_block' }, 'x\n```\ncode\n```\n', 'pass'],
  ['code_block language', { kind: 'code_block', language: 'Python' }, '```python\nprint(1)\n```', 'pass'],
  ['code_block wrong language', { kind: 'code_block', language: 'ts' }, '```python\nprint(1)\n```', 'fail'],
  ['code_block unclosed', { kind: 'code_block' }, '```js\nx', 'fail'],
];

describe('code_block', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });
});
