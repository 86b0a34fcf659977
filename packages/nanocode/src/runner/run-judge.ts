import { AdapterError, type ModelRequest } from '../spec/adapter.js';
import type { JudgeRunner } from '../spec/constraint.js';
import type { RunContext } from './run-context.js';

const GRADER_SYSTEM =
  'You grade a text against a rubric. Reply with JSON only: {"score": <number from 0 to 1>, "reason": "<one sentence>"}.';

/**
 * The run's judge: grades through the named adapter and the effects interface, so the call is
 * recorded and replayable, and its tokens and cost count against the run budget (not its attempts,
 * which bound the step's own calls). A judge never runs on an exhausted budget.
 */
export function createRunJudge(options: {
  ctx: RunContext;
  step: string;
  attempt: number;
  target: string;
}): JudgeRunner {
  const { ctx, step, attempt, target } = options;
  let calls = 0;
  return async ({ model, rubric, text, signal }) => {
    calls += 1;
    const adapter = ctx.adapters(model);
    if (adapter === undefined) throw new Error(`no adapter is available for \`${model}\``);
    const exhausted = ctx.budget.exhausted();
    if (exhausted !== undefined && exhausted !== 'attempts')
      throw new Error(`the run's ${exhausted} budget is spent`);
    const request: ModelRequest = {
      messages: [
        { role: 'system', content: GRADER_SYSTEM },
        { role: 'user', content: `Rubric:\n${rubric}\n\nText:\n${text}` },
      ],
      response_format: { type: 'json' },
      temperature: 0,
      context: { run_id: ctx.run_id, step, attempt },
    };
    const response = await ctx.effects.callAdapter(
      `${step}/${attempt}/${target}/judge/${calls}`,
      adapter,
      request,
      { signal },
    );
    ctx.budget.addUsage({ usage: response.usage, cost_usd: response.cost_usd ?? 0 });
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      throw new AdapterError({
        code: 'bad_response',
        message: 'the judge did not reply with JSON',
        retryable: false,
      });
    }
    const { score, reason } = (parsed ?? {}) as { score?: unknown; reason?: unknown };
    if (typeof score !== 'number') {
      throw new AdapterError({
        code: 'bad_response',
        message: 'the judge reply has no numeric `score`',
        retryable: false,
      });
    }
    return { score, reason: typeof reason === 'string' ? reason : '' };
  };
}
