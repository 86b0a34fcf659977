import { describe, expect, it } from 'vitest';
import { oneStep, runTest } from './run-workflow.test-util.js';

function judgeWorkflow(graderReplies: unknown[]) {
  const workflow = oneStep({
    replies: { a: [{ text: 'The refund takes five days.', usage: { input_tokens: 10, output_tokens: 10 } }] },
    output: 'text',
    constraints: [
      {
        id: 'polite',
        kind: 'judge',
        model: 'scripted:grader',
        rubric: 'Is the answer polite?',
        threshold: 0.7,
      },
    ],
    recovery: [{ stop: {} }],
  });
  (workflow.scripted as Record<string, unknown>).grader = { answer: graderReplies };
  return workflow;
}

describe('runWorkflow: judge constraints', () => {
  it('grades through the named adapter and counts its tokens against the run budget', async () => {
    const result = await runTest({
      workflow: judgeWorkflow([
        { text: '{"score": 0.9, "reason": "courteous"}', usage: { input_tokens: 30, output_tokens: 5 } },
      ]),
    });
    expect(result.outcome).toBe('certified');
    const verdict = result.events.find((e) => e.type === 'constraint.evaluated')?.data as {
      verdict: { message: string };
    };
    expect(verdict.verdict.message).toContain('courteous');
    const completed = result.events.at(-1)?.data as { consumed: { tokens: number; attempts: number } };
    expect(completed.consumed).toMatchObject({ tokens: 55, attempts: 1 });
  });

  it('fails below the threshold, and errors (fail_closed) on a malformed grade', async () => {
    const low = await runTest({ workflow: judgeWorkflow([{ text: '{"score": 0.2, "reason": "curt"}' }]) });
    expect(low.outcome).toBe('stopped');
    const malformed = await runTest({ workflow: judgeWorkflow([{ text: 'very polite!' }]) });
    const verdict = malformed.events.find((e) => e.type === 'constraint.evaluated')?.data as {
      verdict: { status: string };
    };
    expect(verdict.verdict.status).toBe('error');
    expect(malformed.outcome).toBe('stopped');
  });
});
