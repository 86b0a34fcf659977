import { describe, expect, it } from 'vitest';
import { createAdapterResolver } from '../../compose/create-adapter-resolver.js';
import { runWorkflow } from '../../runner/run-workflow.js';
import { testConfig } from '../../runner/test-config.test-util.js';
import type { RunEvent } from '../../spec/events.js';
import type { RunResult } from '../../spec/run.js';
import type { ResolvedConfig } from '../../spec/workflow.js';
import { createDurableEffects, type EngineFailure } from './durable-effects.js';
import type { ExecutionMark, StepRecord } from './step-record.js';

/**
 * A stand-in for DBOS's step checkpoints with the property that matters: steps are numbered by call
 * order, and a replay finds the record by number and refuses one recorded under another name.
 */
function fakeEngine() {
  const records = new Map<number, { name: string; record: StepRecord }>();
  return {
    records,
    /** One execution: its own step counter over the shared records; `crashAfter` records stop there. */
    execution(options: { crashAfter?: number } = {}) {
      let next = 0;
      const bodiesRun: string[] = [];
      return {
        bodiesRun,
        runStep(name: string, body: () => Promise<StepRecord>): Promise<StepRecord> {
          const id = next;
          next += 1;
          const found = records.get(id);
          if (found !== undefined) {
            if (found.name !== name) {
              return Promise.reject(new Error(`step ${id} was recorded as ${found.name}, not ${name}`));
            }
            return jitter().then(() => found.record);
          }
          bodiesRun.push(name);
          // Fresh work finishes in a random order, as concurrent provider calls do.
          return jitter()
            .then(body)
            .then((record) => {
              if (options.crashAfter !== undefined && records.size >= options.crashAfter) {
                return new Promise<StepRecord>(() => {}); // the process died before the checkpoint
              }
              records.set(id, { name, record });
              return record;
            });
        },
      };
    },
  };
}

function jitter(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
}

const FAN_OUT = {
  name: 'fan-out',
  version: 1,
  steps: Object.fromEntries(
    ['a', 'b', 'c'].map((id) => [
      id,
      {
        model: ['scripted:m'],
        prompt: { user: `Answer ${id}.` },
        output: 'json',
        constraints: [{ id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['ok'] } }],
        recovery: [{ retry: { max: 2 } }, { stop: {} }],
      },
    ]),
  ),
  budget: { attempts: 20, tokens: 100_000, cost_usd: 1, time_ms: 30_000 },
  scripted: {
    m: {
      a: [{ text: 'nope' }, { text: '{"ok":1}' }],
      b: [{ text: '{"ok":2}' }],
      c: [{ text: 'no' }, { text: 'still no' }, { text: '{"ok":3}' }],
    },
  },
};

function mark(n: number, executor: string): ExecutionMark {
  return n === 1 ? { n, executor } : { n, executor, previous_executor: 'w1', reexecuted: ['a/2/adapter'] };
}

async function execute(options: {
  config: ResolvedConfig;
  engine: ReturnType<ReturnType<typeof fakeEngine>['execution']>;
  execution: ExecutionMark;
  start: { at: number; seed: string; exec: ExecutionMark };
  onEvent?: (event: RunEvent) => void;
}): Promise<RunResult> {
  const failures: EngineFailure[] = [];
  const effects = createDurableEffects({
    execution: options.execution,
    start: options.start,
    runStep: options.engine.runStep,
    engineFailure: () => 'failed',
    onEngineFailure: (failure) => failures.push(failure),
  });
  const result = await runWorkflow({
    config: options.config,
    inputs: {},
    adapters: createAdapterResolver({ config: options.config }),
    effects,
    run_id: 'r1',
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  });
  expect(failures).toEqual([]);
  return result;
}

describe('createDurableEffects', () => {
  it('replays a concurrent run from its records: same events, no step called again', async () => {
    const config = testConfig({ workflow: FAN_OUT });
    const engine = fakeEngine();
    const start = { at: Date.now(), seed: 'ab'.repeat(32), exec: mark(1, 'w1') };
    const first = engine.execution();
    const original = await execute({ config, engine: first, execution: mark(1, 'w1'), start });
    expect(original.outcome).toBe('certified');
    expect(first.bodiesRun.length).toBe(6);
    for (let i = 0; i < 5; i += 1) {
      const again = engine.execution();
      const replayed = await execute({ config, engine: again, execution: mark(2, 'w2'), start });
      expect(again.bodiesRun).toEqual([]);
      expect(replayed.events).toEqual(original.events);
    }
  });

  it('gives the same event types as live effects when nothing is resumed', async () => {
    const config = testConfig({ workflow: FAN_OUT });
    const live = await runWorkflow({
      config,
      inputs: {},
      adapters: createAdapterResolver({ config }),
      run_id: 'r1',
    });
    const durable = await execute({
      config,
      engine: fakeEngine().execution(),
      execution: mark(1, 'w1'),
      start: { at: Date.now(), seed: '00', exec: mark(1, 'w1') },
    });
    const types = (events: RunEvent[]) => events.map((e) => `${e.type} ${e.step ?? ''}`).sort();
    expect(types(durable.events)).toEqual(types(live.events));
    expect(durable.outcome).toBe(live.outcome);
  });

  it('resumes after a crash: the recorded prefix is re-derived, new work follows a run.resumed', async () => {
    const config = testConfig({ workflow: FAN_OUT });
    const engine = fakeEngine();
    const start = { at: Date.now(), seed: 'cd'.repeat(32), exec: mark(1, 'w1') };
    const seenByFirst: RunEvent[] = [];
    const first = engine.execution({ crashAfter: 3 });
    void execute({
      config,
      engine: first,
      execution: mark(1, 'w1'),
      start,
      onEvent: (e) => seenByFirst.push(e),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(engine.records.size).toBe(3);

    const second = engine.execution();
    const resumed = await execute({ config, engine: second, execution: mark(2, 'w2'), start });
    expect(resumed.outcome).toBe('certified');
    // Nothing recorded ran again; the three steps the first execution never recorded did.
    expect(second.bodiesRun.length).toBe(3);
    expect(second.bodiesRun).not.toContain(engine.records.get(0)?.name);
    // Everything the first execution emitted is a prefix of the resumed run's events.
    expect(resumed.events.slice(0, seenByFirst.length)).toEqual(seenByFirst);
    const resumes = resumed.events.filter((e) => e.type === 'run.resumed');
    expect(resumes).toHaveLength(1);
    expect(resumes[0]?.data).toEqual({
      execution: 2,
      executor: 'w2',
      previous_executor: 'w1',
      reexecuted: ['a/2/adapter'],
    });
    expect(resumes[0]?.seq ?? 0).toBeGreaterThanOrEqual(seenByFirst.length);
    // The attempts counted are the ones made: one completed attempt per attempt number, none twice.
    const completed = resumed.events
      .filter((e) => e.type === 'attempt.completed')
      .map((e) => `${e.step}/${e.attempt}`);
    expect(new Set(completed).size).toBe(completed.length);
    expect(completed.sort()).toEqual(['a/1', 'a/2', 'b/1', 'c/1', 'c/2', 'c/3']);

    // A third execution replays everything, the resumption included.
    const third = engine.execution();
    const replayed = await execute({ config, engine: third, execution: mark(3, 'w3'), start });
    expect(third.bodiesRun).toEqual([]);
    expect(replayed.events).toEqual(resumed.events);
  });

  it('derives the clock and random ids from the records, not from the machine', async () => {
    const effects = createDurableEffects({
      execution: mark(1, 'w1'),
      start: { at: 1000, seed: 'seed', exec: mark(1, 'w1') },
      runStep: async () => ({ ok: true, value: null, at: 5000, exec: mark(1, 'w1') }),
      engineFailure: () => 'failed',
      onEngineFailure: () => {},
    });
    expect(effects.now('x')).toBe(1000);
    await effects.sleep('s', 1, { signal: new AbortController().signal });
    expect(effects.now('y')).toBe(5000);
    expect(effects.randomId('salt/a')).toBe(effects.randomId('salt/a'));
    expect(effects.randomId('salt/a')).not.toBe(effects.randomId('salt/b'));
    expect(effects.randomId('salt/a')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('turns an engine refusal into an aborted effect and reports it once', async () => {
    const told: EngineFailure[] = [];
    const effects = createDurableEffects({
      execution: mark(1, 'w1'),
      start: { at: 0, seed: 's', exec: mark(1, 'w1') },
      runStep: () => Promise.reject(new Error('cancelled')),
      engineFailure: () => 'cancelled',
      onEngineFailure: (failure) => told.push(failure),
    });
    const signal = new AbortController().signal;
    await expect(effects.sleep('s1', 1, { signal })).rejects.toMatchObject({ code: 'aborted' });
    await expect(effects.sleep('s2', 1, { signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(told).toEqual(['cancelled']);
  });
});
