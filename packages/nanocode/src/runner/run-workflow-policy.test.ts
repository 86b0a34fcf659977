import { describe, expect, it } from 'vitest';
import type { Adapter } from '../spec/adapter.js';
import { oneStep, runTest, trace } from './run-workflow.test-util.js';

const LONG = { text: '{"answer":"one two three four five"}' };
const short = { id: 'short', kind: 'max_words', field: 'answer', value: 3 };

function completedStatuses(events: readonly { type: string; data: unknown }[]) {
  const last = events.at(-1);
  return last ? (last.data as { constraints: unknown[] }).constraints : [];
}

describe('runWorkflow: severity, on_error and waivers', () => {
  it('records a soft violation and releases, as certified_with_exceptions', async () => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [{ ...short, severity: 'soft' }] }),
    });
    expect(result.outcome).toBe('certified_with_exceptions');
    expect(completedStatuses(result.events)).toEqual([{ step: 'answer', id: 'short', status: 'violated' }]);
  });

  it('blocks release on the same failure when the constraint is hard', async () => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [short], recovery: [{ stop: {} }] }),
    });
    expect(result.outcome).toBe('stopped');
  });

  const erroring = { id: 'calm', kind: 'expr', expr: 'output.missing.deeper == 1' };

  it('treats an evaluation error as a failure under fail_closed', async () => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [erroring], recovery: [{ stop: {} }] }),
    });
    expect(trace(result.events)).toContain('constraint.evaluated answer calm=error');
    expect(result.outcome).toBe('stopped');
  });

  it('releases as unchecked under fail_open', async () => {
    const result = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [{ ...erroring, on_error: 'fail_open' }] }),
    });
    expect(result.outcome).toBe('certified_with_exceptions');
    expect(completedStatuses(result.events)).toEqual([{ step: 'answer', id: 'calm', status: 'unchecked' }]);
  });

  it('applies an active waiver and records an expired one without applying it', async () => {
    const waiver = {
      constraint: 'answer.short',
      reason: 'pilot',
      granted_by: 'risk-office',
      expires: '2999-01-01',
    };
    const waived = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [short], recovery: [{ stop: {} }] }),
      profile: { name: 'prod', waivers: [waiver] },
    });
    expect(waived.outcome).toBe('certified_with_exceptions');
    expect(completedStatuses(waived.events)).toEqual([{ step: 'answer', id: 'short', status: 'waived' }]);
    expect(trace(waived.events)).toContain('waiver.applied answer');

    const expired = await runTest({
      workflow: oneStep({ replies: { a: [LONG] }, constraints: [short], recovery: [{ stop: {} }] }),
      profile: { name: 'prod', waivers: [{ ...waiver, expires: '2020-01-01T00:00:00Z' }] },
    });
    expect(expired.outcome).toBe('stopped');
    expect(expired.events.find((e) => e.type === 'waiver.expired')?.data).toMatchObject({
      constraint: 'answer.short',
      expires: '2020-01-01T00:00:00.000Z',
    });
    expect(trace(expired.events)).not.toContain('waiver.applied answer');
  });
});

describe('runWorkflow: inputs', () => {
  const workflow = {
    ...oneStep({ replies: { a: [{ text: '{"answer":"ok"}' }] } }),
    inputs: { question: { type: 'string', maxLength: 10 } },
    constraints: [
      { id: 'no-secrets', kind: 'not_contains', stage: 'input', field: 'question', values: ['password'] },
    ],
  };

  it('refuses inputs that break the declared schema, and certifies the refusal as an error', async () => {
    const result = await runTest({ workflow, inputs: { question: 'far too long a question' } });
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('NC_RUN_INPUT_INVALID');
    expect(trace(result.events)).toEqual(['run.started', 'input.checked', 'run.completed error']);
  });

  it('stops on a failed input-stage constraint before any model call', async () => {
    const result = await runTest({ workflow, inputs: { question: 'password?' } });
    expect(result.outcome).toBe('stopped');
    expect(trace(result.events)).toEqual([
      'run.started',
      'constraint.evaluated $input no-secrets=fail',
      'input.checked',
      'run.completed stopped',
    ]);
  });
});

describe('runWorkflow: DAG, functions and cancellation', () => {
  it('runs independent steps concurrently and joins them in a dependent step', async () => {
    let started = 0;
    let release: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Each call waits until both parallel steps have started: a sequential runner would never finish.
    const both: Adapter = {
      spec: 'nanocode.adapter/v1',
      provider: 'both',
      model: 'm',
      async generate(request) {
        started += 1;
        if (started === 2) release();
        await Promise.race([
          barrier,
          new Promise((_, reject) => setTimeout(() => reject(new Error('not concurrent')), 2000)),
        ]);
        return {
          text: request.context.step,
          finish_reason: 'stop',
          usage: { input_tokens: 1, output_tokens: 1 },
          model: 'm',
          latency_ms: 0,
        };
      },
    };
    const workflow = {
      name: 'fan',
      version: 1,
      steps: {
        left: { model: ['both:m'], prompt: { user: 'L' } },
        right: { model: ['both:m'], prompt: { user: 'R' } },
        join: { function: 'concat', args: { a: '{{ steps.left.output }}', b: '{{ steps.right.output }}' } },
      },
    };
    const result = await runTest({
      workflow,
      extra: { 'both:m': both },
      more: { functions: { concat: (args) => `${String(args.a)}+${String(args.b)}` } },
    });
    expect(result.outcome).toBe('certified');
    expect(result.output).toBe('left+right');
    const t = trace(result.events);
    expect(t.indexOf('attempt.started right')).toBeLessThan(t.indexOf('attempt.completed left'));
  });

  it('cancels through the AbortSignal: the attempt sees it and the run stops', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const hang: Adapter = {
      spec: 'nanocode.adapter/v1',
      provider: 'hang',
      model: 'm',
      generate: (_request, { signal }) =>
        new Promise((_resolve, reject) => {
          setTimeout(() => controller.abort(), 10);
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted'));
          });
        }),
    };
    const workflow = oneStep({ replies: {}, recovery: [{ retry: { max: 3 } }] });
    (workflow.steps as { answer: { model: string[] } }).answer.model = ['hang:m'];
    const result = await runTest({
      workflow,
      extra: { 'hang:m': hang },
      more: { signal: controller.signal },
    });
    expect(sawAbort).toBe(true);
    expect(result.outcome).toBe('stopped');
    expect(result.error?.code).toBe('NC_RUN_ABORTED');
  });

  it('certifies an unknown adapter as an error run', async () => {
    const workflow = oneStep({ replies: {} });
    (workflow.steps as { answer: { model: string[] } }).answer.model = ['nowhere:m'];
    const result = await runTest({ workflow });
    expect(result.outcome).toBe('error');
    expect(result.error?.code).toBe('NC_RUN_UNKNOWN_ADAPTER');
    expect(result.events.at(-1)?.type).toBe('run.completed');
  });
});

describe('runWorkflow: a waived input check', () => {
  it('records waiver.applied for the input check, and the certificate built from it verifies', async () => {
    const {
      certificateBundle,
      createCertificate,
      verifyCertificate,
      createEd25519Signer,
      generateEd25519KeyPair,
    } = await import('../evidence/index.js');
    const workflow = {
      ...oneStep({ replies: { a: [{ text: '{"answer":"ok"}' }] } }),
      inputs: { question: { type: 'string' } },
      constraints: [
        { id: 'polite', kind: 'not_contains', stage: 'input', field: 'question', values: ['stupid'] },
      ],
    };
    const waiver = {
      constraint: 'polite',
      reason: 'internal red-team run',
      granted_by: 'security',
      expires: '2999-01-01',
    };
    const result = await runTest({
      workflow,
      inputs: { question: 'a stupid question' },
      profile: { name: 'rt', waivers: [waiver] },
    });
    expect(result.outcome).toBe('certified_with_exceptions');
    expect(trace(result.events)).toContain('waiver.applied $input');
    const pair = generateEd25519KeyPair();
    const certificate = await createCertificate({
      result,
      signer: createEd25519Signer({ privateKeyPem: pair.private_key_pem }),
    });
    const report = verifyCertificate({
      bundle: certificateBundle({ certificate, result }),
      keys: [{ keyid: pair.keyid, public_key_pem: pair.public_key_pem }],
    });
    expect(report.ok).toBe(true);
  });
});

describe('runWorkflow: cancelled before it starts', () => {
  it('stops safely with NC_RUN_ABORTED and evaluates nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const workflow = {
      ...oneStep({ replies: { a: [{ text: '{"answer":"ok"}' }] } }),
      inputs: { question: { type: 'string' } },
      constraints: [{ id: 'polite', kind: 'not_contains', stage: 'input', field: 'question', values: ['x'] }],
    };
    const result = await runTest({
      workflow,
      inputs: { question: 'q' },
      more: { signal: controller.signal },
    });
    expect(result.outcome).toBe('stopped');
    expect(result.error?.code).toBe('NC_RUN_ABORTED');
    expect(trace(result.events)).toEqual(['run.started', 'run.completed stopped']);
    const completed = result.events.at(-1)?.data as { constraints: unknown[] };
    expect(completed.constraints).toEqual([
      { step: '$input', id: 'polite', status: 'not_applicable' },
      { step: 'answer', id: 'shape', status: 'not_applicable' },
    ]);
  });
});

describe('runWorkflow: cancelled while waiting for Retry-After', () => {
  it('stops safely with NC_RUN_ABORTED, not an internal error', async () => {
    const controller = new AbortController();
    const limited = { error: { code: 'rate_limited', status: 429, retry_after_ms: 5_000 } };
    setTimeout(() => controller.abort(), 50);
    const result = await runTest({
      workflow: oneStep({
        replies: { a: [limited, { text: '{"answer":"ok"}' }] },
        recovery: [{ retry: { max: 2 } }],
      }),
      more: { signal: controller.signal },
    });
    expect(result.outcome).toBe('stopped');
    expect(result.error?.code).toBe('NC_RUN_ABORTED');
  });
});
