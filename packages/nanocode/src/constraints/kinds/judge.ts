import type { Verdict } from '../../spec/verdict.js';
import { checkedText } from '../checked-subject.js';
import type { KindFactory } from '../kind-factory.js';

/**
 * `judge`: a model grades the text against `rubric` through the {@link JudgeRunner} the runner supplies
 * (which routes the call through an adapter and the run budget). A score below `threshold` fails; no
 * runner, a rejected call or a score outside [0, 1] is an `error` verdict.
 */
export const judgeKind: KindFactory<'judge'> = ({ constraint, judge: compiledJudge }) => ({
  async: true,
  async evaluate(ctx): Promise<Verdict> {
    // A judge passed at compile time (library use) wins over the run's own.
    const judge = compiledJudge ?? ctx.judge;
    if (judge === undefined) {
      return {
        status: 'error',
        message: 'judge needs an adapter: no judge runner is configured',
        evidence: [],
      };
    }
    const subject = checkedText({ ctx, field: constraint.field, stage: constraint.stage });
    if (!subject.ok) return subject.verdict;
    let graded: { score: number; reason: string };
    try {
      graded = await judge({
        model: constraint.model,
        rubric: constraint.rubric,
        text: subject.text,
        signal: ctx.signal,
      });
    } catch (cause) {
      return {
        status: 'error',
        message: `judge ${constraint.model} failed: ${(cause as Error).message}`,
        evidence: [],
      };
    }
    if (!(graded.score >= 0 && graded.score <= 1)) {
      return {
        status: 'error',
        message: `judge ${constraint.model} returned score ${graded.score}, outside [0, 1]`,
        evidence: [],
      };
    }
    const ok = graded.score >= constraint.threshold;
    return {
      status: ok ? 'pass' : 'fail',
      message: `judge scored ${graded.score} (threshold ${constraint.threshold}): ${graded.reason}`,
      evidence: [{ path: subject.path, value: graded.score }],
    };
  },
});
