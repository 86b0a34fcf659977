import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['is_json pass', { kind: 'is_json' }, ' {"a": 1} ', 'pass'],
  ['is_json fail', { kind: 'is_json' }, '{"a": 1', 'fail'],
  ['contains_json pass', { kind: 'contains_json' }, 'Sure: ```json\n{"a": [1, "}"]}\n```', 'pass'],
  ['contains_json fail', { kind: 'contains_json' }, 'no {json} here', 'fail'],
];

describe('is_json and contains_json', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });
});
