import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { oneStep, runTest, strategies } from '../../runner/run-workflow.test-util.js';
import { createAiSdkAdapter } from './create-ai-sdk-adapter.js';

const reply = (text: string) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: {
    inputTokens: { total: 10, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 5, text: undefined, reasoning: undefined },
  },
  warnings: [],
});

function workflowOn(ref: string) {
  const workflow = oneStep({ replies: {}, recovery: [{ retry: { max: 2 } }, { stop: {} }] });
  (workflow.steps as { answer: { model: string[] } }).answer.model = [ref];
  return workflow;
}

describe('an AI SDK model in a run', () => {
  it('is retried by the ladder after a 429 (the SDK does not retry) and the run is certified', async () => {
    let calls = 0;
    const model = new MockLanguageModelV3({
      provider: 'mock',
      modelId: 'm',
      doGenerate: async () => {
        calls += 1;
        if (calls === 1) {
          throw new APICallError({
            message: 'busy',
            url: 'u',
            requestBodyValues: {},
            statusCode: 429,
            responseHeaders: { 'retry-after': '0' },
          });
        }
        return reply('{"answer":"42"}');
      },
    });
    const adapter = createAiSdkAdapter({ model, prices: { m: { input_per_mtok: 1, output_per_mtok: 1 } } });
    const result = await runTest({ workflow: workflowOn('mock:m'), extra: { 'mock:m': adapter } });
    expect(result.outcome).toBe('certified');
    expect(result.output).toEqual({ answer: '42' });
    expect(calls).toBe(2);
    expect(strategies(result.events)).toEqual(['retry']);
    const failed = result.events.find((e) => e.type === 'attempt.failed');
    expect(JSON.stringify(failed?.data)).toContain('rate_limited');
    // The second call asked for JSON, as the step's output declares.
    expect(model.doGenerateCalls[1]?.responseFormat).toEqual({ type: 'json' });
  });

  it('stops safely when the model keeps failing with a non-retryable error', async () => {
    const model = new MockLanguageModelV3({
      provider: 'mock',
      modelId: 'm',
      doGenerate: async () => {
        throw new APICallError({ message: 'bad key', url: 'u', requestBodyValues: {}, statusCode: 401 });
      },
    });
    const result = await runTest({
      workflow: workflowOn('mock:m'),
      extra: { 'mock:m': createAiSdkAdapter({ model }) },
    });
    expect(result.outcome).toBe('stopped');
    expect(model.doGenerateCalls).toHaveLength(1);
  });
});
