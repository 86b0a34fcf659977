import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

const context = 'The  Eiffel Tower was completed in 1889.\nIt is 330 metres tall.';
const input = { context };
const source = '{{ inputs.context }}';

describe('quotes_in', () => {
  it('passes when every quote appears, whitespace- and case-normalised', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'quotes_in', field: 'quotes', source },
      ctx: { input, output: { quotes: ['the eiffel tower was  completed', 'It is 330 metres tall.'] } },
    });
    expect(verdict.status).toBe('pass');
  });

  it('fails with the path of each missing quote', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'quotes_in', field: 'quotes', source },
      ctx: { input, output: { quotes: ['completed in 1889', 'completed in 1887'] } },
    });
    expect(verdict).toMatchObject({
      status: 'fail',
      evidence: [{ path: '$.quotes[1]', value: 'completed in 1887' }],
    });
  });

  it('respects case_sensitive', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'quotes_in', field: 'q', source, case_sensitive: true },
      ctx: { input, output: { q: 'the eiffel tower' } },
    });
    expect(verdict.status).toBe('fail');
  });

  it('fails a non-string quote and a missing field', async () => {
    const bad = await runCheck({
      constraint: { kind: 'quotes_in', field: 'q', source },
      ctx: { input, output: { q: [1] } },
    });
    expect(bad).toMatchObject({ status: 'fail', evidence: [{ path: '$.q[0]' }] });
    const missing = await runCheck({
      constraint: { kind: 'quotes_in', field: 'q', source },
      ctx: { input, output: {} },
    });
    expect(missing.status).toBe('fail');
  });

  it('is an error when the source cannot be rendered', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'quotes_in', field: 'q', source },
      ctx: {
        output: { q: 'x' },
        render: () => {
          throw new Error('no such input');
        },
      },
    });
    expect(verdict).toMatchObject({ status: 'error' });
    expect(verdict.message).toContain('no such input');
  });
});

describe('grounded', () => {
  it('passes when quoted spans come from the source', async () => {
    const text = 'It says “completed in 1889” and "330 metres tall".';
    expect((await runCheck({ constraint: { kind: 'grounded', source }, ctx: { input, text } })).status).toBe(
      'pass',
    );
  });

  it('passes text without quotes', async () => {
    expect(
      (await runCheck({ constraint: { kind: 'grounded', source }, ctx: { input, text: 'No quotes.' } }))
        .status,
    ).toBe('pass');
  });

  it('fails an invented quote with its span', async () => {
    const text = 'It says "built by aliens".';
    const verdict = await runCheck({ constraint: { kind: 'grounded', source }, ctx: { input, text } });
    expect(verdict).toMatchObject({
      status: 'fail',
      evidence: [{ span: [9, 24], value: 'built by aliens' }],
    });
  });
});
