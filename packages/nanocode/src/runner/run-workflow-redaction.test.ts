import { describe, expect, it } from 'vitest';
import { verifyChain } from '../evidence/index.js';
import { verifyCommitment } from '../evidence/redaction.js';
import { oneStep, runTest } from './run-workflow.test-util.js';

describe('runWorkflow: redaction', () => {
  const secretAnswer = 'Your account number is 4242 and the vault code is swordfish';
  const workflow = {
    ...oneStep({
      replies: { a: [{ text: JSON.stringify({ answer: secretAnswer }) }] },
      constraints: [
        { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer'] } },
        { id: 'short', kind: 'max_words', field: 'answer', value: 50 },
        // Its message names its own (public) parameter, never the output around it.
        { id: 'no-vault', kind: 'not_contains', field: 'answer', values: ['vault code'], severity: 'soft' },
      ],
    }),
    inputs: { customer: { type: 'object' }, question: { type: 'string' } },
  };
  (
    (workflow as Record<string, unknown>).steps as { answer: { prompt: { user: string } } }
  ).answer.prompt.user = 'Customer {{ inputs.customer.email }} asks: {{ inputs.question }}';
  const inputs = { customer: { email: 'jane.roe@example.org', tier: 'gold' }, question: 'What is my code?' };

  it('records redacted inputs, prompts and outputs as salted commitments; the chain still verifies', async () => {
    const result = await runTest({
      workflow,
      inputs,
      profile: { name: 'audited', redaction: { inputs: ['customer.email'], outputs: true } },
    });
    const recorded = JSON.stringify(result.events);
    expect(recorded).not.toContain('jane.roe@example.org');
    expect(recorded).not.toContain('swordfish');
    expect(recorded).toContain('gold'); // not redacted
    expect(verifyChain({ header: result.header, events: result.events }).ok).toBe(true);

    const started = result.events[0]?.data as { inputs: { customer: { email: { $commitment: string } } } };
    const salt = result.salts['input/customer.email'];
    expect(salt).toBeDefined();
    expect(
      verifyCommitment({
        commitment: started.inputs.customer.email.$commitment,
        value: 'jane.roe@example.org',
        salt: salt as string,
      }),
    ).toBe(true);
    expect(
      verifyCommitment({
        commitment: started.inputs.customer.email.$commitment,
        value: 'someone@else.org',
        salt: salt as string,
      }),
    ).toBe(false);
    const completed = result.events.find((e) => e.type === 'attempt.completed')?.data as {
      text_commitment?: string;
      text?: string;
    };
    expect(completed.text).toBeUndefined();
    expect(
      verifyCommitment({
        commitment: completed.text_commitment as string,
        value: JSON.stringify({ answer: secretAnswer }),
        salt: result.salts['output/answer/1'] as string,
      }),
    ).toBe(true);
    // The run itself is unaffected: the caller still gets the output.
    expect(result.output).toEqual({ answer: secretAnswer });
  });

  it('records everything in the clear without a redaction policy', async () => {
    const result = await runTest({ workflow, inputs });
    expect(JSON.stringify(result.events)).toContain('jane.roe@example.org');
    expect(result.salts).toEqual({});
  });

  it('commits only the listed paths within a released JSON output (and the raw text whole)', async () => {
    const result = await runTest({
      workflow,
      inputs,
      profile: { name: 'partial', redaction: { outputs: ['answer'] } },
    });
    const released = result.events.find((e) => e.type === 'output.released')?.data as {
      output: { answer: { $commitment: string } };
    };
    expect(released.output.answer.$commitment).toMatch(/^sha256:/);
    expect(
      verifyCommitment({
        commitment: released.output.answer.$commitment,
        value: secretAnswer,
        salt: result.salts['output/answer/released/answer'] as string,
      }),
    ).toBe(true);
    const recorded = JSON.stringify(result.events);
    expect(recorded).not.toContain('swordfish');
    expect(verifyChain({ header: result.header, events: result.events }).ok).toBe(true);
  });
});
