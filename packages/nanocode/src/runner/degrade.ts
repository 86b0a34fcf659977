import type { LadderMove } from '../recovery/ladder.js';
import type { Step } from '../spec/workflow.js';
import { evaluateOutput } from './evaluate-output.js';
import { idsOf } from './ladder-records.js';
import type { RunContext } from './run-context.js';
import type { StepResult } from './step-result.js';

/**
 * The `degrade` move: release the declared output if it passes the step's own constraints, or run the
 * declared simpler step (whose ladder cannot degrade again). Otherwise the step stops.
 */
export async function degrade(options: {
  ctx: RunContext;
  stepId: string;
  move: Extract<LadderMove, { strategy: 'degrade' }>;
  attempt: number;
  isDegradePath: boolean;
  /** Runs a degrade step; passed in so this file does not import the step runner. */
  runDegradeStep: (options: { stepId: string; step: Step }) => Promise<StepResult>;
}): Promise<StepResult> {
  const { ctx, stepId, move, attempt } = options;
  if (options.isDegradePath) return { status: 'stopped', step: stepId };
  if (move.step !== undefined) {
    const degradeStep = ctx.config.workflow.degrade_steps[move.step];
    if (degradeStep === undefined) return { status: 'stopped', step: stepId };
    return options.runDegradeStep({ stepId: move.step, step: degradeStep });
  }
  const output = move.output;
  const text = typeof output === 'string' ? output : JSON.stringify(output ?? null);
  // The declared answer must itself satisfy the step's constraints; if not, the degrade path does not hold.
  const evaluation = await evaluateOutput({
    ctx,
    step: stepId,
    attempt,
    constraints: ctx.constraints.get(stepId) ?? [],
    text,
    output,
    usage: { input_tokens: 0, output_tokens: 0 },
    latency_ms: 0,
    cost_usd: 0,
    target: 'degrade',
  });
  if (evaluation.blocking.length > 0) {
    ctx.emit({
      type: 'recovery.chosen',
      step: stepId,
      attempt,
      data: {
        strategy: 'stop',
        trigger: { constraints: idsOf(evaluation) },
        from: 'degrade:output',
        to: 'stop',
      },
    });
    return { status: 'stopped', step: stepId };
  }
  return { status: 'degraded', output, checks: evaluation.results, step: stepId };
}
