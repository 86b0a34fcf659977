import { digestJson } from '../evidence/index.js';
import { retryMessages } from '../recovery/feedback.js';
import {
  INITIAL_LADDER_STATE,
  type LadderFailure,
  type LadderMove,
  nextLadderMove,
} from '../recovery/ladder.js';
import { applyRepairs } from '../recovery/repairs.js';
import { NanocodeError } from '../spec/errors.js';
import type { EventData } from '../spec/events.js';
import type { BudgetDimension } from '../spec/outcome.js';
import type { Step } from '../spec/workflow.js';
import { requestDigest } from './call-once.js';
import { degrade } from './degrade.js';
import { type Evaluation, evaluateOutput, parseOutput } from './evaluate-output.js';
import { idsOf, targetOf, triggerOf, violationsOf } from './ladder-records.js';
import type { RunContext } from './run-context.js';
import { makerFor, renderPrompt } from './step-attempts.js';
import { stepDependencies } from './step-graph.js';
import type { StepResult } from './step-result.js';

export type { StepResult } from './step-result.js';

/**
 * Runs one step: attempt, evaluate, release, or climb the recovery ladder. Every loop is bounded:
 * each iteration starts an attempt (bounded by the attempts budget) or moves strictly up the ladder.
 */
export async function runStep(options: {
  ctx: RunContext;
  stepId: string;
  step: Step;
  isDegradePath?: boolean;
}): Promise<StepResult> {
  const { ctx, stepId, step } = options;
  const maker = makerFor({ ctx, stepId, step });
  ctx.emit({
    type: 'step.started',
    step: stepId,
    data: {
      kind: step.function ? 'function' : 'model',
      depends_on: stepDependencies(step),
      adapters: maker.refs,
    },
  });
  const base = step.function ? [] : renderPrompt({ ctx, step });
  const constraints = ctx.constraints.get(stepId) ?? [];
  let state = INITIAL_LADDER_STATE;
  let messages = base;
  let via: EventData['attempt.started']['via'] = 'first';
  let previousFailed: string | undefined;
  let attempt = 0;

  const finish = (result: StepResult): StepResult => {
    if (result.status !== 'stopped') {
      for (const check of result.checks) {
        if (check.outcome === 'pass' || !check.waiver) continue;
        const { reason, granted_by, expires } = check.waiver;
        ctx.emit({
          type: 'waiver.applied',
          step: result.step,
          data: { constraint: check.constraint.id, reason, granted_by, expires },
        });
      }
      ctx.outputs[stepId] = result.output;
      ctx.emit({
        type: 'output.released',
        step: stepId,
        data: {
          output_digest: digestJson(result.output ?? null),
          source: result.status === 'degraded' ? 'degrade' : step.function ? 'function' : 'attempt',
          checked: result.afterRelease ? 'after_release' : 'before_release',
          ...ctx.redactor.released({ name: `${result.step}/released`, value: result.output }),
        },
      });
    }
    ctx.emit({ type: 'step.completed', step: stepId, data: { status: result.status } });
    return result;
  };

  // Applies a terminal or redirecting move; returns a StepResult to finish with, or undefined to attempt again.
  const apply = async (args: {
    move: LadderMove;
    failure: LadderFailure;
    from: string;
    lastText: string;
    evaluation?: Evaluation;
  }) => {
    const { move, failure, from, lastText, evaluation } = args;
    const ref = maker.refs[state.adapter] ?? from;
    if (move.strategy === 'retry' && move.wait_ms > 0) {
      // Waiting past the deadline is pointless: the time budget is spent now.
      const remaining = ctx.budget.limits.time_ms - ctx.budget.consumed().time_ms;
      if (move.wait_ms >= remaining) return exhaust('time_ms', from);
    }
    ctx.emit({
      type: 'recovery.chosen',
      step: stepId,
      attempt,
      data: { strategy: move.strategy, trigger: triggerOf(failure), from, to: targetOf({ move, ref }) },
    });
    switch (move.strategy) {
      case 'retry': {
        if (move.wait_ms > 0) {
          try {
            await ctx.effects.sleep(`${stepId}/${attempt}/wait`, move.wait_ms, { signal: ctx.signal });
          } catch (error) {
            if (ctx.cancelled())
              throw new NanocodeError({ code: 'NC_RUN_ABORTED', message: 'the run was cancelled' });
            if (ctx.signal.aborted) return exhaust('time_ms', from);
            throw error;
          }
        }
        messages =
          move.feedback && evaluation
            ? retryMessages({ original: base, lastOutput: lastText, violations: violationsOf(evaluation) })
            : messages;
        via = 'retry';
        return undefined;
      }
      case 'fallback':
        messages = base;
        via = 'fallback';
        previousFailed = undefined;
        return undefined;
      case 'degrade':
        return degrade({
          ctx,
          stepId,
          move,
          attempt,
          isDegradePath: options.isDegradePath === true,
          runDegradeStep: (next) => runStep({ ctx, ...next, isDegradePath: true }),
        });
      case 'stop':
        return { status: 'stopped', step: stepId } as const;
      case 'repair':
        throw new Error('repair is applied by the caller');
    }
  };

  // Budget exhaustion: degrade if declared, else stop. Always terminal.
  const exhaust = async (dimension: BudgetDimension, from: string): Promise<StepResult> => {
    const failure: LadderFailure = { type: 'budget', dimension };
    ctx.emit({
      type: 'budget.exhausted',
      step: stepId,
      data: { dimension, limit: ctx.budget.limits[dimension], consumed: ctx.budget.consumed()[dimension] },
    });
    const { move } = nextLadderMove({
      rungs: step.recovery,
      state,
      failure,
      adapterCount: maker.refs.length,
    });
    return (await apply({ move, failure, from, lastText: '' })) ?? { status: 'stopped', step: stepId };
  };

  for (;;) {
    ctx.now(stepId);
    const dimension = ctx.budget.exhausted();
    if (dimension !== undefined && (maker.countsAsAttempt || dimension === 'time_ms')) {
      return finish(await exhaust(dimension, maker.refs[state.adapter] ?? stepId));
    }
    attempt += 1;
    const ref = maker.refs[state.adapter] ?? '';
    if (maker.countsAsAttempt) ctx.budget.startAttempt();
    ctx.emit({
      type: 'attempt.started',
      step: stepId,
      attempt,
      data: {
        adapter: ref,
        via,
        request_digest: requestDigest(messages),
        ...(step.function ? {} : ctx.redactor.prompt({ name: `${stepId}/${attempt}`, messages })),
      },
    });
    const result = await maker.make({ attempt, ref, messages });
    ctx.now(stepId);
    let failure: LadderFailure;
    let evaluation: Evaluation | undefined;
    let text = '';
    if (!result.ok) {
      const { error } = result;
      ctx.emit({
        type: 'attempt.failed',
        step: stepId,
        attempt,
        data: {
          adapter: ref,
          error: {
            code: error.code,
            message: error.message,
            retryable: error.retryable,
            ...(error.status === undefined ? {} : { status: error.status }),
            ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
          },
          latency_ms: 0,
          ...(result.released ? { after_release: true } : {}),
        },
      });
      if (error.code === 'aborted' && ctx.cancelled()) {
        throw new NanocodeError({ code: 'NC_RUN_ABORTED', message: 'the run was cancelled' });
      }
      if (result.released) {
        // Bytes already reached the caller: a fallback or retry would send a second answer. Stop, recorded.
        ctx.emit({
          type: 'recovery.chosen',
          step: stepId,
          attempt,
          data: { strategy: 'stop', trigger: { error: error.code }, from: ref, to: 'stop' },
        });
        return finish({ status: 'stopped', step: stepId });
      }
      if (error.code === 'aborted') {
        // Only the deadline aborts an attempt otherwise: the time budget is spent.
        ctx.budget.setElapsed(ctx.budget.limits.time_ms);
        continue;
      }
      failure = {
        type: 'error',
        code: error.code,
        retryable: error.retryable,
        ...(error.retry_after_ms === undefined ? {} : { retry_after_ms: error.retry_after_ms }),
      };
    } else {
      text = result.text;
      // Unknown prices add nothing to the cost budget; the event records them as unknown (null).
      ctx.budget.addUsage({ usage: result.usage, cost_usd: result.cost_usd ?? 0 });
      ctx.emit({
        type: 'attempt.completed',
        step: stepId,
        attempt,
        data: {
          adapter: ref,
          model: result.model,
          finish_reason: result.finish_reason,
          usage: result.usage,
          ...(result.usage_estimated ? { usage_estimated: true } : {}),
          cost_usd: result.cost_usd,
          latency_ms: result.latency_ms,
          output_digest: digestJson(text),
          ...ctx.redactor.text({ name: `${stepId}/${attempt}`, text }),
        },
      });
      evaluation = await evaluateOutput({
        ctx,
        step: stepId,
        attempt,
        constraints,
        text,
        output: result.output,
        usage: result.usage,
        latency_ms: result.latency_ms,
        cost_usd: result.cost_usd ?? Number.NaN,
        target: 'attempt',
      });
      // A pass-through output is already out: its checks are recorded but cannot block or retry it.
      if (evaluation.blocking.length === 0 || result.released) {
        return finish({
          status: options.isDegradePath ? 'degraded' : 'released',
          output: result.output,
          checks: evaluation.results,
          step: stepId,
          ...(result.released ? { afterRelease: true } : {}),
        });
      }
      failure = { type: 'constraints', ids: idsOf(evaluation), repeated: text === previousFailed };
      previousFailed = text;
    }
    // Climb: repairs re-check the same attempt's output; other moves end the step or attempt again.
    for (;;) {
      const next = nextLadderMove({ rungs: step.recovery, state, failure, adapterCount: maker.refs.length });
      state = next.state;
      if (next.move.strategy !== 'repair') {
        const done = await apply({
          move: next.move,
          failure,
          from: ref,
          lastText: text,
          ...(evaluation ? { evaluation } : {}),
        });
        if (done) return finish(done);
        break;
      }
      ctx.emit({
        type: 'recovery.chosen',
        step: stepId,
        attempt,
        data: {
          strategy: 'repair',
          trigger: triggerOf(failure),
          from: ref,
          to: `repair:${next.move.fixes.join('+')}`,
        },
      });
      const repaired = applyRepairs({ fixes: next.move.fixes, text });
      ctx.emit({
        type: 'repair.applied',
        step: stepId,
        attempt,
        data: {
          fixes: repaired.applied,
          output_digest: digestJson(repaired.text),
          changed: repaired.changed,
        },
      });
      const output = step.function
        ? repaired.text
        : parseOutput({ text: repaired.text, format: step.output });
      evaluation = await evaluateOutput({
        ctx,
        step: stepId,
        attempt,
        constraints,
        text: repaired.text,
        output,
        usage: { input_tokens: 0, output_tokens: 0 },
        latency_ms: result.ok ? result.latency_ms : 0,
        cost_usd: 0,
        target: 'repair',
      });
      if (evaluation.blocking.length === 0) {
        return finish({
          status: options.isDegradePath ? 'degraded' : 'released',
          output,
          checks: evaluation.results,
          step: stepId,
        });
      }
      failure = { type: 'constraints', ids: idsOf(evaluation), repeated: false };
    }
  }
}
