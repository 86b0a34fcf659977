import { describe, expect, it } from 'vitest';
import {
  certificateBundle,
  createCertificate,
  createEd25519Signer,
  generateEd25519KeyPair,
  verifyCertificate,
} from '../evidence/index.js';
import { type Adapter, AdapterError, type StreamChunk } from '../spec/adapter.js';
import type { RunResult } from '../spec/run.js';
import { oneStep, runTest, strategies } from './run-workflow.test-util.js';

/** A streaming test adapter: yields `parts` as deltas, then either completes or fails after `cutAfter` parts. */
function streaming(options: { parts: string[]; cutAfter?: number }): Adapter {
  const text = options.parts.join('');
  const response = {
    text,
    finish_reason: 'stop' as const,
    usage: { input_tokens: 5, output_tokens: 5 },
    model: 'm',
    latency_ms: 1,
  };
  return {
    spec: 'nanocode.adapter/v1',
    provider: 'stream',
    model: 'm',
    generate: async () => response,
    async *stream(): AsyncIterable<StreamChunk> {
      for (const [i, part] of options.parts.entries()) {
        if (options.cutAfter !== undefined && i === options.cutAfter) {
          throw new AdapterError({ code: 'unavailable', message: 'stream cut', retryable: true });
        }
        yield { type: 'delta', text: part };
      }
      yield { type: 'done', response };
    },
  };
}

function passThrough(options: { adapters: Record<string, Adapter>; constraints?: unknown[] }) {
  const workflow = oneStep({
    replies: {},
    output: 'text',
    constraints: options.constraints ?? [{ id: 'short', kind: 'max_words', value: 10 }],
    recovery: [{ retry: { max: 2 } }, { fallback: {} }, { stop: {} }],
  });
  const step = (workflow.steps as { answer: Record<string, unknown> }).answer;
  step.model = Object.keys(options.adapters);
  step.release = 'pass_through';
  return workflow;
}

async function verifies(result: RunResult): Promise<boolean> {
  const pair = generateEd25519KeyPair();
  const certificate = await createCertificate({
    result,
    signer: createEd25519Signer({ privateKeyPem: pair.private_key_pem }),
  });
  return verifyCertificate({
    bundle: certificateBundle({ certificate, result }),
    keys: [{ keyid: pair.keyid, public_key_pem: pair.public_key_pem }],
  }).ok;
}

describe('runWorkflow: pass-through streaming', () => {
  it('streams deltas to the caller before the checks, and records the output as checked after release', async () => {
    const deltas: string[] = [];
    const adapters = { 'stream:a': streaming({ parts: ['Refunds ', 'take ', 'five days.'] }) };
    const result = await runTest({
      workflow: passThrough({ adapters }),
      extra: adapters,
      more: { onDelta: ({ text }) => deltas.push(text) },
    });
    expect(deltas).toEqual(['Refunds ', 'take ', 'five days.']);
    expect(result.outcome).toBe('certified');
    expect(result.events.find((e) => e.type === 'output.released')?.data).toMatchObject({
      checked: 'after_release',
    });
    expect(await verifies(result)).toBe(true);
  });

  it('cannot block or retry an output already streamed: a hard failure is recorded as violated', async () => {
    const adapters = { 'stream:a': streaming({ parts: ['one two three ', 'four five six'] }) };
    const result = await runTest({
      workflow: passThrough({ adapters, constraints: [{ id: 'short', kind: 'max_words', value: 3 }] }),
      extra: adapters,
      more: { onDelta: () => {} },
    });
    expect(strategies(result.events)).toEqual([]);
    expect(result.outcome).toBe('certified_with_exceptions');
    const completed = result.events.at(-1)?.data as { constraints: unknown[] };
    expect(completed.constraints).toEqual([{ step: 'answer', id: 'short', status: 'violated' }]);
    expect(await verifies(result)).toBe(true);
  });

  it('falls back only before the first byte; a stream cut after it is a recorded failure and a stop', async () => {
    const early = {
      'stream:a': streaming({ parts: ['x'], cutAfter: 0 }),
      'stream:b': streaming({ parts: ['fine'] }),
    };
    const before = await runTest({
      workflow: passThrough({ adapters: early }),
      extra: early,
      more: { onDelta: () => {} },
    });
    expect(before.outcome).toBe('certified');
    expect(strategies(before.events)).toContain('fallback');

    const late = {
      'stream:a': streaming({ parts: ['half ', 'an answer'], cutAfter: 1 }),
      'stream:b': streaming({ parts: ['fine'] }),
    };
    const after = await runTest({
      workflow: passThrough({ adapters: late }),
      extra: late,
      more: { onDelta: () => {} },
    });
    expect(after.outcome).toBe('stopped');
    expect(after.events.find((e) => e.type === 'attempt.failed')?.data).toMatchObject({
      after_release: true,
    });
    expect(strategies(after.events)).toEqual(['stop']);
    const tried = after.events
      .filter((e) => e.type === 'attempt.started')
      .map((e) => (e.data as { adapter: string }).adapter);
    expect(tried).toEqual(['stream:a']);
  });

  it('buffers and checks before release when the caller does not take deltas', async () => {
    const adapters = { 'stream:a': streaming({ parts: ['one two three ', 'four five six'] }) };
    const result = await runTest({
      workflow: passThrough({ adapters, constraints: [{ id: 'short', kind: 'max_words', value: 3 }] }),
      extra: adapters,
    });
    expect(strategies(result.events)[0]).toBe('retry');
    expect(result.outcome).toBe('stopped');
  });
});
