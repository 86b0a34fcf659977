import { describe, expect, it } from 'vitest';
import { buildPredicate } from '../evidence/index.js';
import type { Adapter } from '../spec/adapter.js';
import { oneStep, runTest } from './run-workflow.test-util.js';

function adapter(options: { cost?: number; estimated?: boolean }): Adapter {
  return {
    spec: 'nanocode.adapter/v1',
    provider: 'priced',
    model: 'm',
    generate: async () => ({
      text: '{"answer":"ok"}',
      finish_reason: 'length',
      usage: { input_tokens: 12, output_tokens: 3 },
      model: 'm-2026-01',
      latency_ms: 5,
      ...(options.cost === undefined ? {} : { cost_usd: options.cost }),
      ...(options.estimated ? { usage_estimated: true } : {}),
    }),
  };
}

async function run(options: { cost?: number; estimated?: boolean; constraints?: unknown[] }) {
  const workflow = oneStep({
    replies: {},
    ...(options.constraints ? { constraints: options.constraints } : {}),
  });
  (workflow.steps as { answer: { model: string[] } }).answer.model = ['priced:m'];
  return runTest({ workflow, extra: { 'priced:m': adapter(options) } });
}

describe('runWorkflow: cost and usage as the adapter reports them', () => {
  it('records an unknown price as unknown (null), never as 0, up to the certificate', async () => {
    const result = await run({});
    const completed = result.events.find((e) => e.type === 'attempt.completed')?.data;
    expect(completed).toMatchObject({ cost_usd: null, model: 'm-2026-01', finish_reason: 'length' });
    expect(buildPredicate({ header: result.header, events: result.events }).models).toEqual([
      {
        adapter: 'priced:m',
        model: 'm-2026-01',
        attempts: 1,
        input_tokens: 12,
        output_tokens: 3,
        cost_usd: null,
      },
    ]);
  });

  it('sums known prices, and marks estimated usage', async () => {
    const result = await run({ cost: 0.0025, estimated: true });
    const completed = result.events.find((e) => e.type === 'attempt.completed')?.data;
    expect(completed).toMatchObject({ cost_usd: 0.0025, usage_estimated: true });
    expect(buildPredicate({ header: result.header, events: result.events }).models[0]?.cost_usd).toBe(0.0025);
  });

  it('gives a cost constraint an error verdict when the price is unknown', async () => {
    const result = await run({ constraints: [{ id: 'cheap', kind: 'cost_usd', max: 0.01 }] });
    const verdict = result.events.find((e) => e.type === 'constraint.evaluated')?.data as {
      verdict: { status: string };
    };
    expect(verdict.verdict.status).toBe('error');
  });
});
