import { AdapterError, type AdapterErrorCode, type ModelResponse } from '../spec/adapter.js';
import type { Effects } from '../spec/effects.js';
import { NanocodeError } from '../spec/errors.js';

/** One recorded effect result: a value, or an adapter error's fields. */
export type EffectRecord =
  | { key: string; value: unknown }
  | {
      key: string;
      error: { code: string; message: string; retryable: boolean; status?: number; retry_after_ms?: number };
    };

/** Effects that record every result of an inner `Effects`, keyed by effect key. */
export interface RecordingEffects extends Effects {
  /** The records so far, in call order. Plain JSON. */
  tape(): EffectRecord[];
}

/** Wraps `inner`, recording each result so the run can be replayed with {@link createReplayEffects}. */
export function createRecordingEffects(options: { inner: Effects }): RecordingEffects {
  const { inner } = options;
  const records: EffectRecord[] = [];
  async function record<T>(key: string, run: () => Promise<T>): Promise<T> {
    try {
      const value = await run();
      records.push({ key, value: value === undefined ? null : structuredClone(value) });
      return value;
    } catch (error) {
      if (error instanceof AdapterError) records.push({ key, error: adapterErrorFields(error) });
      throw error;
    }
  }
  return {
    spec: 'nanocode.effects/v1',
    now(key) {
      const value = inner.now(key);
      records.push({ key, value });
      return value;
    },
    randomId(key) {
      const value = inner.randomId(key);
      records.push({ key, value });
      return value;
    },
    callAdapter: (key, adapter, request, opts) =>
      record(key, () => inner.callAdapter(key, adapter, request, opts)),
    streamAdapter: (key, adapter, request, opts) =>
      record(key, () => inner.streamAdapter(key, adapter, request, opts)),
    check: (key, run, opts) => record(key, () => inner.check(key, run, opts)),
    callFunction: (key, run, opts) => record(key, () => inner.callFunction(key, run, opts)),
    sleep: (key, ms, opts) => record(key, () => inner.sleep(key, ms, opts)),
    tape: () => records.map((r) => structuredClone(r)),
  };
}

/**
 * Effects that answer from a tape and never touch the world. Asking for an effect that was not
 * recorded throws NC_RUN_EFFECT_MISSING: a replay that diverges must say so, not improvise.
 */
export function createReplayEffects(options: { tape: readonly EffectRecord[] }): Effects {
  const byKey = new Map<string, EffectRecord>();
  for (const record of options.tape) byKey.set(record.key, record);
  function take(key: string): EffectRecord {
    const record = byKey.get(key);
    if (record === undefined) {
      throw new NanocodeError({
        code: 'NC_RUN_EFFECT_MISSING',
        message: `no recorded effect for \`${key}\``,
      });
    }
    return record;
  }
  function takeValue(key: string): unknown {
    const record = take(key);
    return 'value' in record ? record.value : undefined;
  }
  async function replay<T>(key: string): Promise<T> {
    const record = take(key);
    if ('error' in record) {
      const { code, message, retryable, status, retry_after_ms } = record.error;
      throw new AdapterError({
        code: code as AdapterErrorCode,
        message,
        retryable,
        ...(status === undefined ? {} : { status }),
        ...(retry_after_ms === undefined ? {} : { retry_after_ms }),
      });
    }
    return record.value as T;
  }
  return {
    spec: 'nanocode.effects/v1',
    now: (key) => takeValue(key) as number,
    randomId: (key) => takeValue(key) as string,
    callAdapter: (key) => replay(key),
    streamAdapter: async (key, _adapter, _request, opts) => {
      const response = await replay<ModelResponse>(key);
      opts.onDelta(response.text);
      return response;
    },
    check: (key) => replay(key),
    callFunction: (key) => replay(key),
    sleep: async (key) => {
      await replay(key);
    },
  };
}

function adapterErrorFields(error: AdapterError) {
  return {
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
  };
}
