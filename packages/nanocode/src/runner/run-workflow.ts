import { setMaxListeners } from 'node:events';
import { createEventLog, digestJson } from '../evidence/index.js';
import { NanocodeError } from '../spec/errors.js';
import type { EventData } from '../spec/events.js';
import type { RunOutcome } from '../spec/outcome.js';
import type { RunOptions, RunResult } from '../spec/run.js';
import { createBudgetTracker, effectiveBudget } from './budget-tracker.js';
import { compileWorkflow } from './compile-workflow.js';
import { evaluateOutput } from './evaluate-output.js';
import { finalStatuses, runOutcome } from './final-statuses.js';
import { createLiveEffects } from './live-effects.js';
import { createRedactor } from './redactor.js';
import type { RunContext } from './run-context.js';
import { runHeader } from './run-header.js';
import { runStep, type StepResult } from './run-step.js';
import { resultSteps, stepDependencies, topologicalOrder } from './step-graph.js';
import { partitionWaivers } from './waivers.js';

/**
 * Runs a workflow to one of the final outcomes and returns its hash-chained events. Model and
 * constraint failures are data in the result; the promise rejects only for programmer errors.
 * The run is a deterministic function of its options and the results of `effects`.
 */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
  const { config } = options;
  const effects = options.effects ?? createLiveEffects();
  const run_id = options.run_id ?? effects.randomId('run_id');
  const startedAt = effects.now('run/start');
  const limits = effectiveBudget(config);
  const budget = createBudgetTracker({ limits });
  const header = runHeader({ config, run_id });

  const controller = new AbortController();
  // Every concurrent check and attempt listens on this one signal; many constraints are normal.
  setMaxListeners(0, controller.signal);
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // The hard guard behind "a run never outlives time_ms"; budget checks use the effects clock.
  const deadline = setTimeout(() => controller.abort(new Error('deadline')), limits.time_ms);
  deadline.unref();

  const clocks = new Map<string, number>();
  let eventTime = startedAt;
  const now = (scope: string): number => {
    const n = clocks.get(scope) ?? 0;
    clocks.set(scope, n + 1);
    const t = effects.now(`${scope}/clock/${n}`);
    budget.setElapsed(t - startedAt);
    return t;
  };
  const log = createEventLog({
    header,
    // Every event's data is built fresh below and never changed after it is appended.
    ownership: 'transfer',
    clock: () => new Date(eventTime).toISOString(),
    onEvent: (event) => {
      try {
        options.onEvent?.(event);
      } catch {
        // A listener's failure must not change the run.
      }
    },
  });
  // Engine redeliveries (durable executors) go into the chain where the resumed execution did new work.
  const recordResumptions = (): void => {
    for (const data of effects.takeResumptions?.() ?? []) log.append({ type: 'run.resumed', data });
  };
  const redactor = createRedactor({ policy: config.profile.redaction, effects });
  const outputs: Record<string, unknown> = {};
  const inputs = withDefaults({ declared: config.workflow.inputs, given: options.inputs });
  const waivers = partitionWaivers({
    waivers: config.profile.waivers,
    workflow: config.workflow.name,
    now: startedAt,
  });

  const ctx: RunContext = {
    run_id,
    config,
    inputs,
    effects,
    adapters: options.adapters,
    functions: options.functions ?? {},
    budget,
    signal: controller.signal,
    cancelled: () => options.signal?.aborted === true,
    constraints: new Map(),
    activeWaivers: waivers.active,
    outputs,
    emit: (event) => {
      eventTime = now(event.step ?? 'run');
      recordResumptions();
      return log.append(event);
    },
    now,
    redactor,
    onDelta: options.onDelta
      ? (delta) => {
          try {
            options.onDelta?.(delta);
          } catch {
            // A listener's failure must not change the run.
          }
        }
      : undefined,
  };

  const results = new Map<string, StepResult>();
  let completed: EventData['run.completed'];
  let output: unknown;
  try {
    ctx.emit({
      type: 'run.started',
      data: {
        run_id,
        inputs_digest: digestJson(inputs),
        inputs: redactor.inputs(inputs),
        budget: limits,
        policy: options.policy ?? { source: 'files' },
      },
    });
    // A run cancelled before it starts is a safe stop, not a refused input.
    if (ctx.cancelled())
      throw new NanocodeError({ code: 'NC_RUN_ABORTED', message: 'the run was cancelled' });
    for (const waiver of waivers.expired) {
      const { constraint, reason, granted_by, expires } = waiver;
      ctx.emit({ type: 'waiver.expired', data: { constraint, reason, granted_by, expires } });
    }
    const compiled = compileWorkflow({
      config,
      ...(options.custom === undefined ? {} : { custom: options.custom }),
    });
    ctx.constraints = compiled.constraints;

    const problems = compiled.validateInputs(inputs);
    if (problems.length > 0) {
      ctx.emit({
        type: 'input.checked',
        data: { ok: false, constraint_ids: [], message: problems.join('; ') },
      });
      throw new NanocodeError({ code: 'NC_RUN_INPUT_INVALID', message: problems.join('; ') });
    }
    const inputEval = await evaluateOutput({
      ctx,
      step: '$input',
      attempt: 0,
      constraints: compiled.inputConstraints,
      text: JSON.stringify(inputs),
      output: inputs,
      usage: { input_tokens: 0, output_tokens: 0 },
      latency_ms: 0,
      cost_usd: 0,
      target: 'input',
    });
    for (const check of inputEval.results) {
      if (check.outcome === 'pass' || !check.waiver) continue;
      const { reason, granted_by, expires } = check.waiver;
      ctx.emit({
        type: 'waiver.applied',
        step: '$input',
        data: { constraint: check.constraint.id, reason, granted_by, expires },
      });
    }
    const refused = inputEval.blocking.map((r) => r.constraint.id);
    ctx.emit({
      type: 'input.checked',
      data: {
        ok: refused.length === 0,
        constraint_ids: compiled.inputConstraints.map((c) => c.id),
        ...(refused.length > 0 ? { message: `refused by ${refused.join(', ')}` } : {}),
      },
    });
    if (refused.length === 0) await runSteps({ ctx, results });
    else results.set('$input', { status: 'stopped', step: '$input' });

    const statuses = finalStatuses({ workflow: config.workflow, results, inputChecks: inputEval.results });
    const outcome = runOutcome({ results: [...results.values()], statuses });
    if (outcome !== 'stopped') output = resultOf({ ctx });
    completed = {
      outcome,
      constraints: statuses,
      consumed: budget.consumed(),
      ...(output === undefined ? {} : { output_digest: digestJson(output) }),
    };
  } catch (error) {
    const failure = classify(error);
    completed = {
      outcome: failure.outcome,
      constraints: finalStatuses({ workflow: config.workflow, results: new Map(), inputChecks: [] }),
      consumed: budget.consumed(),
      error: { code: failure.code, message: failure.message },
    };
    output = undefined;
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
  try {
    eventTime = now('run');
  } catch {
    // A replay that diverged has no clock reading left; the error is already in `completed`.
  }
  recordResumptions();
  log.append({ type: 'run.completed', data: completed });
  return {
    run_id,
    outcome: completed.outcome,
    // Copies: the events own the released values, and a caller editing its result must not change them.
    ...(output === undefined ? {} : { output: structuredClone(output) }),
    outputs: completed.outcome === 'stopped' || completed.outcome === 'error' ? {} : structuredClone(outputs),
    header,
    events: log.events(),
    ...(completed.error ? { error: completed.error } : {}),
    salts: redactor.salts(),
  };
}

/** Runs every step as soon as the steps it reads from are released; independent steps run concurrently. */
async function runSteps(options: { ctx: RunContext; results: Map<string, StepResult> }): Promise<void> {
  const { ctx, results } = options;
  const running = new Map<string, Promise<StepResult>>();
  for (const id of topologicalOrder(ctx.config.workflow)) {
    const step = ctx.config.workflow.steps[id];
    if (step === undefined) continue;
    const deps = stepDependencies(step);
    running.set(
      id,
      (async () => {
        const upstream = await Promise.all(deps.map((d) => running.get(d)));
        if (upstream.some((r) => r === undefined || r.status === 'stopped')) {
          ctx.emit({ type: 'step.completed', step: id, data: { status: 'skipped' } });
          return { status: 'stopped', step: id } as const;
        }
        const result = await runStep({ ctx, stepId: id, step });
        results.set(id, result);
        return result;
      })(),
    );
  }
  const settled = await Promise.allSettled(running.values());
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  for (const [id, promise] of running) if (!results.has(id)) results.set(id, await promise);
}

function resultOf(options: { ctx: RunContext }): unknown {
  const ids = resultSteps(options.ctx.config.workflow);
  if (ids.length === 1) return options.ctx.outputs[ids[0] as string];
  return Object.fromEntries(ids.map((id) => [id, options.ctx.outputs[id]]));
}

function withDefaults(options: {
  declared: Record<string, Record<string, unknown>>;
  given: Record<string, unknown>;
}): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(options.declared)) {
    if (Object.hasOwn(schema, 'default')) inputs[name] = schema.default;
  }
  return { ...inputs, ...options.given };
}

function classify(error: unknown): { outcome: RunOutcome; code: string; message: string } {
  if (error instanceof NanocodeError) {
    // A caller's cancel is a safe stop: nothing was released.
    return {
      outcome: error.code === 'NC_RUN_ABORTED' ? 'stopped' : 'error',
      code: error.code,
      message: error.message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: 'error', code: 'NC_RUN_INTERNAL', message };
}
