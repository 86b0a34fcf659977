import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

type Row = [
  name: string,
  constraint: Record<string, unknown>,
  text: string,
  status: 'pass' | 'fail' | 'error',
];

const rows: Row[] = [
  ['starts_with pass', { kind: 'starts_with', value: 'Yes' }, '\n Yes, it is', 'pass'],
  ['starts_with fail', { kind: 'starts_with', value: 'Yes' }, 'No', 'fail'],
  ['ends_with pass', { kind: 'ends_with', value: 'Done.' }, 'All Done.\n', 'pass'],
  ['ends_with fail', { kind: 'ends_with', value: 'Done.', case_sensitive: false }, 'Not yet', 'fail'],
];

describe('starts_with and ends_with', () => {
  it.each(rows)('%s', async (_name, constraint, text, status) => {
    const verdict = await runCheck({ constraint, ctx: { text, output: text } });
    expect(verdict.status).toBe(status);
    expect(verdict.message.length).toBeGreaterThan(0);
  });
});
