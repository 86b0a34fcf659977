import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../spec/events.js';
import type { RunResult } from '../../spec/run.js';
import { runFailure, stopReason } from './run-failure.js';

const event = (type: string, data: unknown, step?: string) =>
  ({ seq: 0, ts: '2025-01-01T00:00:00Z', type, step, data, prev: '', hash: '' }) as unknown as RunEvent;

function result(options: Partial<RunResult>): RunResult {
  return {
    run_id: 'r',
    outcome: 'stopped',
    outputs: {},
    header: {} as RunResult['header'],
    events: [],
    salts: {},
    ...options,
  };
}

describe('runFailure', () => {
  it('is nothing for outcomes that released an answer', () => {
    for (const outcome of ['certified', 'certified_with_exceptions', 'degraded'] as const) {
      expect(runFailure({ result: result({ outcome }), certificate: null })).toBeUndefined();
    }
  });

  it('answers a safe stop with 422 run_stopped and the reason', () => {
    const events = [
      event(
        'recovery.chosen',
        { strategy: 'stop', trigger: { constraints: ['grounded', 'calm'] }, from: 'a', to: 'stop' },
        'answer',
      ),
    ];
    const failure = runFailure({ result: result({ events }), certificate: { keyid: 'k', log_index: 0 } });
    expect(failure?.status).toBe(422);
    expect(failure?.body.error).toEqual({
      message:
        'workflow run r stopped safely and released no answer: step answer: hard constraint(s) failed: grounded, calm',
      type: 'nanocode_stopped',
      param: null,
      code: 'run_stopped',
    });
    expect(failure?.body.nanocode).toMatchObject({
      run_id: 'r',
      outcome: 'stopped',
      certificate: { log_index: 0 },
    });
  });

  it('answers an error outcome with 500 and the run error code', () => {
    const failure = runFailure({
      result: result({ outcome: 'error', error: { code: 'NC_RUN_INTERNAL', message: 'boom' } }),
      certificate: null,
    });
    expect(failure).toMatchObject({
      status: 500,
      body: {
        error: { type: 'nanocode_error', code: 'NC_RUN_INTERNAL', message: 'workflow run r failed: boom' },
      },
    });
  });

  it('answers inputs that break the declared schema with 400: the caller can fix them', () => {
    const failure = runFailure({
      result: result({
        outcome: 'error',
        error: { code: 'NC_RUN_INPUT_INVALID', message: 'input question is too long' },
      }),
      certificate: null,
    });
    expect(failure).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'NC_RUN_INPUT_INVALID' } },
    });
    expect(failure?.body.error.message).toContain('input question is too long');
  });
});

describe('stopReason', () => {
  it('names a refused input first, then an exhausted budget, then the last stop trigger', () => {
    const refused = event('input.checked', {
      ok: false,
      constraint_ids: [],
      message: 'input question is too long',
    });
    const budget = event('budget.exhausted', { dimension: 'tokens', limit: 1, consumed: 2 });
    const stop = event('recovery.chosen', {
      strategy: 'stop',
      trigger: { error: 'timeout' },
      from: 'a',
      to: 'stop',
    });
    expect(stopReason({ events: [stop, budget, refused] })).toBe(
      'input refused (input question is too long)',
    );
    expect(stopReason({ events: [stop, budget] })).toBe('budget exhausted (tokens)');
    expect(stopReason({ events: [stop] })).toBe('adapter error timeout');
    expect(stopReason({ events: [] })).toBeUndefined();
  });
});
