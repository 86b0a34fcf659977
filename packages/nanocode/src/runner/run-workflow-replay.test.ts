import { describe, expect, it } from 'vitest';
import { createReplayAdapters } from '../adapters/replay/create-replay-adapters.js';
import { createAdapterResolver } from '../compose/create-adapter-resolver.js';
import { verifyChain } from '../evidence/index.js';
import { createLiveEffects } from './live-effects.js';
import { createRecordingEffects, createReplayEffects } from './recorded-effects.js';
import { runWorkflow } from './run-workflow.js';
import { oneStep } from './run-workflow.test-util.js';
import { testConfig } from './test-config.test-util.js';

describe('runWorkflow: determinism through effects', () => {
  const workflow = oneStep({
    replies: {
      a: [{ text: 'nope' }, { error: { code: 'unavailable', status: 503, retry_after_ms: 1 } }],
      b: [{ text: '```json\n{"answer":"ok"}\n```' }],
    },
    recovery: [
      { repair: ['strip_code_fences'] },
      { retry: { max: 2, backoff_ms: 1 } },
      { fallback: {} },
      { stop: {} },
    ],
  });

  it('re-derives identical events from recorded effects, twice, without calling any adapter', async () => {
    const config = testConfig({ workflow });
    const recording = createRecordingEffects({ inner: createLiveEffects() });
    const live = await runWorkflow({
      config,
      inputs: {},
      adapters: createAdapterResolver({ config }),
      effects: recording,
    });
    const tape = recording.tape();
    // Replay adapters are never called here: the effects tape answers every call.
    const adapters = createReplayAdapters({ events: [] });
    const first = await runWorkflow({ config, inputs: {}, adapters, effects: createReplayEffects({ tape }) });
    const second = await runWorkflow({
      config,
      inputs: {},
      adapters,
      effects: createReplayEffects({ tape }),
    });
    expect(live.outcome).toBe('certified');
    expect(first.events).toEqual(live.events);
    expect(second.events).toEqual(first.events);
    expect(verifyChain({ header: second.header, events: second.events }).ok).toBe(true);
  });

  it('fails loudly when a replay asks for an effect that was not recorded', async () => {
    const config = testConfig({ workflow });
    const result = await runWorkflow({
      config,
      inputs: {},
      adapters: () => undefined,
      effects: createReplayEffects({
        tape: [
          { key: 'run_id', value: 'r' },
          { key: 'run/start', value: 0 },
        ],
      }),
    });
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('NC_RUN_EFFECT_MISSING');
  });

  it('re-runs from the responses recorded in the events (replay adapters) with the same verdicts and moves', async () => {
    const config = testConfig({ workflow });
    const live = await runWorkflow({ config, inputs: {}, adapters: createAdapterResolver({ config }) });
    const replayed = await runWorkflow({
      config,
      inputs: {},
      adapters: createReplayAdapters({ events: live.events }),
    });
    // Wall-clock figures (timestamps, time consumed) are the only things allowed to differ.
    const strip = (events: typeof live.events) =>
      events.map(({ type, step, attempt, data }) => ({
        type,
        step,
        attempt,
        data:
          type === 'run.completed'
            ? { ...data, consumed: { ...(data as { consumed: object }).consumed, time_ms: 0 } }
            : data,
      }));
    expect(replayed.outcome).toBe(live.outcome);
    // Every verdict and ladder move is the same.
    expect(strip(replayed.events).slice(1)).toEqual(strip(live.events).slice(1));
  });
});
