import { describe, expect, it } from 'vitest';
import { runCheck } from '../run-check.js';

describe('budget kinds', () => {
  it.each([
    [{ kind: 'latency_ms', max: 100 }, { latency_ms: 100 }, 'pass'],
    [{ kind: 'latency_ms', max: 100 }, { latency_ms: 101 }, 'fail'],
    [{ kind: 'latency_ms', max: 100 }, { latency_ms: Number.NaN }, 'error'],
    [{ kind: 'cost_usd', max: 0.01 }, { cost_usd: 0.005 }, 'pass'],
    [{ kind: 'cost_usd', max: 0.01 }, { cost_usd: 0.02 }, 'fail'],
    [{ kind: 'tokens', max: 10 }, { usage: { input_tokens: 4, output_tokens: 6 } }, 'pass'],
    [{ kind: 'tokens', max: 10 }, { usage: { input_tokens: 4, output_tokens: 7 } }, 'fail'],
  ] as const)('%o with %o is %s', async (constraint, ctx, status) => {
    expect((await runCheck({ constraint, ctx })).status).toBe(status);
  });

  it('says what was used and what is allowed', async () => {
    const verdict = await runCheck({
      constraint: { kind: 'tokens', max: 10 },
      ctx: { usage: { input_tokens: 8, output_tokens: 8 } },
    });
    expect(verdict.message).toBe('token usage was 16 tokens; at most 10 tokens allowed');
  });
});
