import { describe, expect, it } from 'vitest';
import { verifyChain } from '../evidence/index.js';
import type { Adapter, ModelRequest } from '../spec/adapter.js';
import { oneStep, runTest, strategies, trace } from './run-workflow.test-util.js';

const GOOD = { text: '{"answer":"ok"}' };
const NOT_JSON = { text: 'not json' };

describe('runWorkflow: release and the recovery ladder', () => {
  it('releases a passing first attempt as certified, with a valid event chain', async () => {
    const result = await runTest({ workflow: oneStep({ replies: { a: [GOOD] } }) });
    expect(result.outcome).toBe('certified');
    expect(result.output).toEqual({ answer: 'ok' });
    expect(trace(result.events)).toEqual([
      'run.started',
      'input.checked',
      'step.started answer',
      'attempt.started answer',
      'attempt.completed answer',
      'constraint.evaluated answer shape=pass',
      'output.released answer',
      'step.completed answer released',
      'run.completed certified',
    ]);
    expect(verifyChain({ header: result.header, events: result.events })).toMatchObject({
      ok: true,
      count: 9,
    });
  });

  it('retries with feedback that carries the violation and only the last failed output', async () => {
    const seen: ModelRequest[] = [];
    const spy: Adapter = {
      spec: 'nanocode.adapter/v1',
      provider: 'spy',
      model: 'm',
      async generate(request) {
        seen.push(request);
        const text = seen.length < 3 ? `bad ${seen.length}` : '{"answer":"ok"}';
        return {
          text,
          finish_reason: 'stop',
          usage: { input_tokens: 1, output_tokens: 1 },
          model: 'm',
          latency_ms: 0,
        };
      },
    };
    const workflow = oneStep({ replies: {}, recovery: [{ retry: { max: 2 } }, { stop: {} }] });
    (workflow.steps as { answer: { model: string[] } }).answer.model = ['spy:m'];
    const result = await runTest({ workflow, extra: { 'spy:m': spy } });
    expect(result.outcome).toBe('certified');
    expect(strategies(result.events)).toEqual(['retry', 'retry']);
    const third = seen[2]?.messages ?? [];
    expect(third).toHaveLength(3);
    expect(third[1]?.content).toBe('bad 2');
    expect(JSON.stringify(third)).not.toContain('bad 1');
    expect(third[2]?.content).toContain('shape:');
    const retry = result.events.find((e) => e.type === 'recovery.chosen');
    expect(retry?.data).toMatchObject({ strategy: 'retry', trigger: { constraints: ['shape'] } });
  });

  it('repairs a fenced JSON answer deterministically', async () => {
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [{ text: '```json\n{"answer":"ok"}\n```' }] },
        recovery: [{ repair: ['strip_code_fences'] }, { stop: {} }],
      }),
    });
    expect(result.outcome).toBe('certified');
    expect(result.output).toEqual({ answer: 'ok' });
    expect(trace(result.events)).toContain('repair.applied answer');
    expect(strategies(result.events)).toEqual(['repair']);
  });

  it('falls back to the next adapter on a non-retryable error', async () => {
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [{ error: { code: 'auth', status: 401 } }], b: [GOOD] },
        recovery: [{ retry: { max: 2, backoff_ms: 0 } }, { fallback: {} }, { stop: {} }],
      }),
    });
    expect(result.outcome).toBe('certified');
    const recovery = result.events.filter((e) => e.type === 'recovery.chosen').map((e) => e.data);
    expect(recovery).toEqual([
      { strategy: 'fallback', trigger: { error: 'auth' }, from: 'scripted:a', to: 'scripted:b' },
    ]);
  });

  it('degrades to the declared output, which must itself pass the constraints', async () => {
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [NOT_JSON, NOT_JSON] },
        recovery: [{ retry: { max: 1 } }, { degrade: { output: { answer: 'fallback answer' } } }],
      }),
    });
    expect(result.outcome).toBe('degraded');
    expect(result.output).toEqual({ answer: 'fallback answer' });
    expect(strategies(result.events)).toEqual(['retry', 'degrade']);
  });

  it('stops when a declared degrade output fails the constraints', async () => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: [NOT_JSON] }, recovery: [{ degrade: { output: 'plain text' } }] }),
    });
    expect(result.outcome).toBe('stopped');
    expect(result.output).toBeUndefined();
    expect(strategies(result.events)).toEqual(['degrade', 'stop']);
  });

  it('stops safely with nothing released when the ladder has no way out', async () => {
    const result = await runTest({ workflow: oneStep({ replies: { a: [NOT_JSON, NOT_JSON] } }) });
    expect(result.outcome).toBe('stopped');
    expect(result.output).toBeUndefined();
    expect(trace(result.events).filter((t) => t.startsWith('output.released'))).toEqual([]);
    const completed = result.events.at(-1)?.data as { constraints: unknown[] };
    expect(completed.constraints).toEqual([{ step: 'answer', id: 'shape', status: 'not_applicable' }]);
  });

  it('climbs every rung in declared order across two adapters', async () => {
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [NOT_JSON, { text: 'still not' }], b: [{ text: 'nope' }, { text: 'nope 2' }] },
        recovery: [
          { retry: { max: 1 } },
          { repair: ['extract_json'] },
          { fallback: {} },
          { degrade: { output: { answer: 'n/a' } } },
          { stop: {} },
        ],
      }),
    });
    expect(strategies(result.events)).toEqual(['retry', 'repair', 'fallback', 'retry', 'repair', 'degrade']);
    expect(result.outcome).toBe('degraded');
  });
});

describe('runWorkflow: a model that ignores feedback', () => {
  it('ends in degrade within budget, with this exact sequence of events', async () => {
    const same = { text: '{"answer":"This answer is far too long for the limit"}' };
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [same, same, same, same] },
        constraints: [{ id: 'short', kind: 'max_words', field: 'answer', value: 3 }],
        recovery: [{ retry: { max: 3 } }, { degrade: { output: { answer: 'Sorry.' } } }],
        budget: { attempts: 4 },
      }),
    });
    expect(trace(result.events)).toEqual([
      'run.started',
      'input.checked',
      'step.started answer',
      'attempt.started answer',
      'attempt.completed answer',
      'constraint.evaluated answer short=fail',
      'recovery.chosen answer retry',
      'attempt.started answer',
      'attempt.completed answer',
      'constraint.evaluated answer short=fail',
      // The same failed output twice: retrying again would burn budget for nothing.
      'recovery.chosen answer degrade',
      'constraint.evaluated answer short=pass',
      'output.released answer',
      'step.completed answer degraded',
      'run.completed degraded',
    ]);
  });
});

describe('runWorkflow: budgets', () => {
  // Distinct failing replies: identical ones would end the retries early (the model ignores feedback).
  const distinct = (n: number, extra: Record<string, unknown> = {}) =>
    Array.from({ length: n }, (_, i) => ({ text: `not json ${i}`, ...extra }));
  const ladder = [{ retry: { max: 10 } }, { degrade: { output: { answer: 'n/a' } } }];

  it.each([
    ['attempts', { attempts: 3 }, distinct(4)],
    ['tokens', { tokens: 100 }, distinct(10, { usage: { input_tokens: 30, output_tokens: 10 } })],
    ['cost_usd', { cost_usd: 0.01 }, distinct(10, { cost_usd: 0.004 })],
  ])('exhausting %s goes straight to degrade', async (dimension, budget, replies) => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: replies }, recovery: ladder, budget }),
    });
    const exhausted = result.events.find((e) => e.type === 'budget.exhausted');
    expect(exhausted?.data).toMatchObject({ dimension });
    expect(result.outcome).toBe('degraded');
    const last = result.events.filter((e) => e.type === 'recovery.chosen').at(-1);
    expect(last?.data).toMatchObject({ strategy: 'degrade', trigger: { budget: dimension } });
  });

  it('exhausting time_ms aborts the in-flight attempt and stops without a degrade rung', async () => {
    let sawAbort = false;
    const hang: Adapter = {
      spec: 'nanocode.adapter/v1',
      provider: 'hang',
      model: 'm',
      generate: (_request, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          });
        }),
    };
    const workflow = oneStep({ replies: {}, recovery: [{ retry: { max: 3 } }], budget: { time_ms: 1000 } });
    (workflow.steps as { answer: { model: string[] } }).answer.model = ['hang:m'];
    const result = await runTest({ workflow, extra: { 'hang:m': hang } });
    expect(sawAbort).toBe(true);
    expect(result.outcome).toBe('stopped');
    expect(result.events.find((e) => e.type === 'budget.exhausted')?.data).toMatchObject({
      dimension: 'time_ms',
    });
  });

  it('honours Retry-After within the budget, and gives up when it would pass the deadline', async () => {
    const waits: number[] = [];
    const limited = { error: { code: 'rate_limited', status: 429, retry_after_ms: 30 } };
    const ok = await runTest({
      workflow: oneStep({
        replies: { a: [limited, GOOD] },
        recovery: [{ retry: { max: 2, backoff_ms: 1 } }],
      }),
      more: {
        effects: {
          ...(await import('./live-effects.js')).createLiveEffects(),
          sleep: async (_key, ms) => {
            waits.push(ms);
          },
        },
      },
    });
    expect(ok.outcome).toBe('certified');
    expect(waits).toEqual([30]);
    const tooLong = await runTest({
      workflow: oneStep({
        replies: { a: [{ error: { code: 'rate_limited', status: 429, retry_after_ms: 60_000 } }, GOOD] },
        recovery: [{ retry: { max: 2 } }, { stop: {} }],
        budget: { time_ms: 5_000 },
      }),
    });
    expect(tooLong.outcome).toBe('stopped');
    expect(tooLong.events.find((e) => e.type === 'budget.exhausted')?.data).toMatchObject({
      dimension: 'time_ms',
    });
  });
});
