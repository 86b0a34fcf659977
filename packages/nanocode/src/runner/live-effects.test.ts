import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter.js';
import { createLiveEffects } from './live-effects.js';
import { oneStep, runTest } from './run-workflow.test-util.js';

describe('live effects', () => {
  it('abandon work that ignores the signal as soon as it aborts', async () => {
    const effects = createLiveEffects();
    const controller = new AbortController();
    const never = effects.callFunction('f', () => new Promise(() => {}), { signal: controller.signal });
    controller.abort();
    await expect(never).rejects.toBeInstanceOf(AdapterError);
    await expect(never).rejects.toMatchObject({ code: 'aborted' });
  });

  it('keep a run inside its deadline even when a function step ignores the signal', async () => {
    const workflow = {
      name: 'stuck',
      version: 1,
      steps: { work: { function: 'stuck', recovery: [{ stop: {} }] } },
      budget: { time_ms: 300 },
    };
    const result = await runTest({ workflow, more: { functions: { stuck: () => new Promise(() => {}) } } });
    expect(result.outcome).toBe('stopped');
    expect(result.events.find((e) => e.type === 'budget.exhausted')?.data).toMatchObject({
      dimension: 'time_ms',
    });
  });

  it('pass results through untouched when nothing aborts', async () => {
    const result = await runTest({ workflow: oneStep({ replies: { a: [{ text: '{"answer":"ok"}' }] } }) });
    expect(result.outcome).toBe('certified');
  });
});
