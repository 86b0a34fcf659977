import { describe, expect, it, vi } from 'vitest';
import type { JudgeRunner } from '../judge-runner.js';
import { runCheck } from '../run-check.js';

const constraint = { kind: 'judge', model: 'scripted:grader', rubric: 'Is it polite?', threshold: 0.7 };

describe('judge', () => {
  it('passes at or above the threshold and sends model, rubric and text', async () => {
    const judge = vi.fn<JudgeRunner>(async () => ({ score: 0.7, reason: 'polite' }));
    const verdict = await runCheck({ constraint, judge, ctx: { text: 'Thank you!' } });
    expect(verdict).toMatchObject({ status: 'pass', message: 'judge scored 0.7 (threshold 0.7): polite' });
    expect(judge).toHaveBeenCalledWith(
      expect.objectContaining({ model: 'scripted:grader', rubric: 'Is it polite?', text: 'Thank you!' }),
    );
  });

  it('fails below the threshold', async () => {
    const judge: JudgeRunner = async () => ({ score: 0.2, reason: 'rude' });
    expect((await runCheck({ constraint, judge, ctx: { text: 'Go away' } })).status).toBe('fail');
  });

  it('is an error without a judge runner, on rejection, or on a bad score', async () => {
    const none = await runCheck({ constraint });
    expect(none).toMatchObject({ status: 'error' });
    expect(none.message).toContain('judge needs an adapter');
    const rejecting: JudgeRunner = async () => {
      throw new Error('adapter down');
    };
    expect((await runCheck({ constraint, judge: rejecting })).message).toContain('adapter down');
    const bad: JudgeRunner = async () => ({ score: 7, reason: '' });
    expect((await runCheck({ constraint, judge: bad })).status).toBe('error');
  });

  it('stops waiting when the signal aborts, and passes the signal to the runner', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const judge: JudgeRunner = ({ signal }) => {
      seen = signal;
      return new Promise(() => {}); // never settles: only the abort can end the wait
    };
    const pending = runCheck({ constraint, judge, ctx: { signal: controller.signal } });
    await Promise.resolve();
    controller.abort(new Error('run cancelled'));
    const verdict = await pending;
    expect(verdict).toMatchObject({ status: 'error', message: 'evaluation aborted: run cancelled' });
    expect(seen?.aborted).toBe(true);
  });
});
