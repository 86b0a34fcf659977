import { createHmac } from 'node:crypto';
import { createLiveEffects } from '../../runner/live-effects.js';
import { type Adapter, AdapterError, type ModelRequest } from '../../spec/adapter.js';
import type { Effects } from '../../spec/effects.js';
import type { EventData } from '../../spec/events.js';
import { createInOrderDelivery } from './in-order-delivery.js';
import { type ExecutionMark, recordError, reviveError, type StepRecord } from './step-record.js';

/** What the engine said when it refused a step: the run was cancelled, taken over, or the engine failed. */
export type EngineFailure = 'cancelled' | 'superseded' | 'failed';

/** Options of {@link createDurableEffects}. */
export interface DurableEffectsOptions {
  /** The execution running now. */
  execution: ExecutionMark;
  /** The run's first recorded step: where its clock starts, the seed of its random ids, who recorded it. */
  start: { at: number; seed: string; exec: ExecutionMark };
  /**
   * Runs `body` as a checkpointed step named `name`, or returns what it recorded before (DBOS.runStep in a
   * worker). Steps are numbered by call order, which is why results are delivered in call order.
   */
  runStep: (name: string, body: () => Promise<StepRecord>) => Promise<StepRecord>;
  /** True inside a step's body, where a nested effect is part of the outer step. */
  inStep?: () => boolean;
  /** The cancel signal of the step being run, if the engine has one (DBOS.stepStatus.cancelSignal). */
  stepCancelSignal?: () => AbortSignal | undefined;
  /** Classifies a rejection of `runStep`. */
  engineFailure: (error: unknown) => EngineFailure;
  /** Told once when the engine cancels the run, takes it over elsewhere, or fails. */
  onEngineFailure: (failure: EngineFailure, error: unknown) => void;
  /** Records that a paid effect (a model call, a function) is about to run for real, inside its step. */
  beforeFresh?: (key: string) => Promise<void>;
  /** Waits, inside the step, for a slot of the adapter's provider rate limit (when one is configured). */
  permit?: (options: { provider: string; key: string; signal: AbortSignal }) => Promise<void>;
  /** The real effects the steps run (default: live). */
  live?: Effects;
}

/** Durable effects, plus the engine redeliveries the runner records as `run.resumed` events. */
export interface DurableEffects extends Effects {
  takeResumptions(): EventData['run.resumed'][];
}

/**
 * Effects for a run executed by a durable engine. Every effect with an outside result (a model call, a
 * function, a wait) is a checkpointed step, so an execution that resumes the run gets the recorded
 * results back and re-derives the same events. The clock and random ids are pure: the clock reads the
 * finishing time of the last delivered step, ids are HMACs of the effect key under a seed recorded in
 * the first step. Async checks (a judge) are not steps themselves: their model calls are, so a replay
 * re-applies the judge's budget usage exactly. When a delivered step was recorded by a later execution
 * than any before it, a `run.resumed` is queued for the runner to record at that point of the run.
 */
export function createDurableEffects(options: DurableEffectsOptions): DurableEffects {
  const live = options.live ?? createLiveEffects();
  const delivery = createInOrderDelivery();
  const { execution } = options;
  let clock = options.start.at;
  let latest = options.start.exec.n;
  let pending: EventData['run.resumed'][] = [];
  let failed = false;

  const observe = (record: StepRecord): void => {
    clock = Math.max(clock, record.at);
    if (record.exec.n <= latest) return;
    latest = record.exec.n;
    pending.push({
      execution: record.exec.n,
      executor: record.exec.executor,
      previous_executor: record.exec.previous_executor ?? '',
      reexecuted: record.exec.reexecuted ?? [],
    });
  };

  const fail = (error: unknown): never => {
    const failure = options.engineFailure(error);
    if (!failed) {
      failed = true;
      options.onEngineFailure(failure, error);
    }
    throw new AdapterError({
      code: 'aborted',
      message: `the engine stopped the run (${failure})`,
      retryable: false,
    });
  };

  /** One effect as a step: `paid` effects record that they began, so a redelivery can name them. */
  function step<T>(args: {
    key: string;
    signal: AbortSignal;
    paid: boolean;
    provider?: string;
    run: (signal: AbortSignal) => Promise<T>;
    /** Called instead of `run` when the result comes from the record (a replay). */
    replayed?: () => Promise<void>;
  }): Promise<T> {
    const { key } = args;
    if (options.inStep?.() === true) return args.run(args.signal);
    let ran = false;
    const recorded = options.runStep(key, async (): Promise<StepRecord> => {
      ran = true;
      const cancelled = options.stepCancelSignal?.();
      const signal = cancelled === undefined ? args.signal : AbortSignal.any([args.signal, cancelled]);
      // Bookkeeping failures reject the step (the engine retries it); only the effect's own result is recorded.
      if (args.paid) await options.beforeFresh?.(key);
      if (args.provider !== undefined && options.permit !== undefined) {
        try {
          await options.permit({ provider: args.provider, key, signal });
        } catch (error) {
          // An aborted wait falls through: the effect then fails as aborted without calling out.
          if (!signal.aborted) throw error;
        }
      }
      try {
        const value = await args.run(signal);
        return { ok: true, value: value === undefined ? null : value, at: Date.now(), exec: execution };
      } catch (error) {
        // Cut short by a cancel: nothing is recorded, and the engine reports the cancellation.
        if (cancelled?.aborted === true) throw error;
        return { ok: false, error: recordError(error), at: Date.now(), exec: execution };
      }
    });
    return delivery.deliver(recorded).then(
      async (record) => {
        observe(record);
        if (!ran) await args.replayed?.();
        if (record.ok) return record.value as T;
        throw reviveError(record.error);
      },
      (error: unknown) => fail(error),
    );
  }

  const adapterCall = (options: { adapter: Adapter; request: ModelRequest; signal: AbortSignal }) => ({
    paid: true,
    provider: options.adapter.provider,
    // A simulated adapter (scripted replies) counts its calls per step: it hears the replayed ones too,
    // so a resumed run's next call gets the next reply. It calls nothing outside the process.
    ...(options.adapter.simulated === true
      ? {
          replayed: async () => {
            await options.adapter.generate(options.request, { signal: options.signal }).catch(() => {});
          },
        }
      : {}),
  });

  return {
    spec: 'nanocode.effects/v1',
    now: () => clock,
    randomId: (key) => uuidFrom(createHmac('sha256', options.start.seed).update(key).digest()),
    callAdapter: (key, adapter, request, opts) =>
      step({
        key,
        signal: opts.signal,
        ...adapterCall({ adapter, request, signal: opts.signal }),
        run: (signal) => live.callAdapter(key, adapter, request, { signal }),
      }),
    streamAdapter: async (key, adapter, request, opts) => {
      let streamed = false;
      const response = await step({
        key,
        signal: opts.signal,
        ...adapterCall({ adapter, request, signal: opts.signal }),
        run: (signal) =>
          live.streamAdapter(key, adapter, request, {
            signal,
            onDelta: (text) => {
              streamed = true;
              opts.onDelta(text);
            },
          }),
      });
      // A recorded stream is delivered as one delta, as a replay does.
      if (!streamed) opts.onDelta(response.text);
      return response;
    },
    // Not a step: its model calls are. A judge is then re-run on replay with its recorded answers.
    check: (key, run, opts) => live.check(key, run, opts),
    callFunction: (key, run, opts) => step({ key, signal: opts.signal, paid: true, run }),
    sleep: async (key, ms, opts) => {
      await step({
        key,
        signal: opts.signal,
        paid: false,
        run: (signal) => live.sleep(key, ms, { signal }),
      });
    },
    takeResumptions() {
      const taken = pending;
      pending = [];
      return taken;
    },
  };
}

/** 16 bytes as an RFC 4122 version-4-shaped id, like the live effects' random ids. */
function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
