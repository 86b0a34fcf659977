import { constraintOutcome, evaluateConstraint } from '../constraints/index.js';
import { renderTemplate } from '../render/render-template.js';
import type { Usage } from '../spec/adapter.js';
import type { CompiledConstraint, ConstraintContext } from '../spec/constraint.js';
import type { EventData } from '../spec/events.js';
import type { Verdict } from '../spec/verdict.js';
import type { Waiver } from '../spec/workflow.js';
import type { RunContext } from './run-context.js';
import { createRunJudge } from './run-judge.js';
import { findWaiver } from './waivers.js';

/** One constraint's result on one output. */
export interface CheckResult {
  constraint: CompiledConstraint;
  verdict: Verdict;
  outcome: 'pass' | 'fail' | 'unchecked';
  waiver: Waiver | undefined;
  /** `seq` of the `constraint.evaluated` event. */
  seq: number;
}

/** All results on one output, and the hard failures that block its release. */
export interface Evaluation {
  results: CheckResult[];
  blocking: CheckResult[];
}

/**
 * Evaluates every constraint on one output. Synchronous checks run in order; async ones (judge,
 * async custom) run concurrently through the effects interface. Events are emitted in declaration
 * order once all are done, so the log does not depend on which check finished first.
 */
export async function evaluateOutput(options: {
  ctx: RunContext;
  step: string;
  attempt: number;
  constraints: readonly CompiledConstraint[];
  text: string;
  output: unknown;
  usage: Usage;
  latency_ms: number;
  cost_usd: number;
  target: EventData['constraint.evaluated']['target'];
}): Promise<Evaluation> {
  const { ctx, step, attempt, target } = options;
  const checkCtx: ConstraintContext = {
    input: ctx.inputs,
    output: options.output,
    text: options.text,
    usage: options.usage,
    latency_ms: options.latency_ms,
    cost_usd: options.cost_usd,
    attempt,
    step,
    render: (template) => renderTemplate(template, { inputs: ctx.inputs, steps: stepScope(ctx.outputs) }),
    signal: ctx.signal,
    judge: createRunJudge({ ctx, step, attempt, target }),
  };
  const verdicts = await Promise.all(
    options.constraints.map((compiled) =>
      compiled.async
        ? ctx.effects.check(
            `${step}/${attempt}/${target}/check/${compiled.id}`,
            () => evaluateConstraint({ compiled, ctx: checkCtx }),
            { signal: ctx.signal },
          )
        : evaluateConstraint({ compiled, ctx: checkCtx }),
    ),
  );
  const results = options.constraints.map((constraint, i): CheckResult => {
    const verdict = verdicts[i] as Verdict;
    // Evidence values quote the output; under output redaction they are committed, not recorded.
    const recorded =
      target === 'input' || !ctx.redactor.outputsRedacted
        ? verdict
        : redactEvidence({ ctx, verdict, name: `${step}/${attempt}/${target}/${constraint.id}` });
    const event = ctx.emit({
      type: 'constraint.evaluated',
      step,
      attempt,
      data: {
        constraint: constraint.id,
        kind: constraint.kind,
        severity: constraint.severity,
        stage: constraint.stage,
        target,
        verdict: recorded,
      },
    });
    return {
      constraint,
      verdict,
      outcome: constraintOutcome({ compiled: constraint, verdict }),
      waiver: findWaiver({ waivers: ctx.activeWaivers, step, id: constraint.id }),
      seq: event.seq,
    };
  });
  const blocking = results.filter(
    (r) => r.constraint.severity === 'hard' && r.outcome === 'fail' && !r.waiver,
  );
  return { results, blocking };
}

function redactEvidence(options: { ctx: RunContext; verdict: Verdict; name: string }): Verdict {
  const { verdict } = options;
  return {
    ...verdict,
    evidence: verdict.evidence.map((item, i) =>
      item.value === undefined
        ? item
        : {
            ...item,
            value: options.ctx.redactor.evidence({ name: `${options.name}/${i}`, value: item.value }),
          },
    ),
  };
}

/** Released outputs in the shape placeholders read: `steps.<id>.output`. */
export function stepScope(outputs: Record<string, unknown>): Record<string, { output: unknown }> {
  return Object.fromEntries(Object.entries(outputs).map(([id, output]) => [id, { output }]));
}

/** Parses a JSON step's text; a text that does not parse stays a string (constraints then fail on it). */
export function parseOutput(options: { text: string; format: 'text' | 'json' }): unknown {
  if (options.format === 'text') return options.text;
  try {
    return JSON.parse(options.text) as unknown;
  } catch {
    return options.text;
  }
}
