import { createAdapterResolver } from '../compose/create-adapter-resolver.js';
import type { Adapter } from '../spec/adapter.js';
import type { RunEvent } from '../spec/events.js';
import type { RunOptions, RunResult } from '../spec/run.js';
import { runWorkflow } from './run-workflow.js';
import { testConfig } from './test-config.test-util.js';

/** Runs a workflow object with its scripted replies (plus `extra` adapters) and a fixed run id. */
export function runTest(options: {
  workflow: Record<string, unknown>;
  profile?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  extra?: Record<string, Adapter>;
  more?: Partial<RunOptions>;
}): Promise<RunResult> {
  const config = testConfig({ workflow: options.workflow, profile: options.profile });
  return runWorkflow({
    config,
    inputs: options.inputs ?? {},
    adapters: createAdapterResolver({ config, ...(options.extra ? { extra: options.extra } : {}) }),
    run_id: 'run-test',
    ...options.more,
  });
}

/** A compact trace of a run: one string per event, e.g. `recovery.chosen answer retry`. */
export function trace(events: readonly RunEvent[]): string[] {
  return events.map((e) => {
    const d = e.data as Record<string, unknown>;
    const detail =
      e.type === 'recovery.chosen'
        ? ` ${String(d.strategy)}`
        : e.type === 'constraint.evaluated'
          ? ` ${String(d.constraint)}=${String((d.verdict as { status: string }).status)}`
          : e.type === 'budget.exhausted'
            ? ` ${String(d.dimension)}`
            : e.type === 'step.completed'
              ? ` ${String(d.status)}`
              : e.type === 'run.completed'
                ? ` ${String(d.outcome)}`
                : '';
    return `${e.type}${e.step ? ` ${e.step}` : ''}${detail}`;
  });
}

/** The `recovery.chosen` strategies of a run, in order. */
export function strategies(events: readonly RunEvent[]): string[] {
  return events
    .filter((e) => e.type === 'recovery.chosen')
    .map((e) => String((e.data as { strategy: string }).strategy));
}

/** A one-step JSON workflow on scripted adapters; override any part. */
export function oneStep(options: {
  replies: Record<string, unknown[]>;
  constraints?: unknown[];
  recovery?: unknown[];
  budget?: Record<string, number>;
  output?: 'json' | 'text';
}): Record<string, unknown> {
  const models = Object.keys(options.replies);
  return {
    name: 'one-step',
    version: 1,
    steps: {
      answer: {
        model: models.map((m) => `scripted:${m}`),
        prompt: { user: 'Answer.' },
        output: options.output ?? 'json',
        constraints: options.constraints ?? [
          { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer'] } },
        ],
        recovery: options.recovery ?? [{ retry: { max: 1 } }, { stop: {} }],
      },
    },
    budget: { attempts: 10, tokens: 100_000, cost_usd: 1, time_ms: 30_000, ...options.budget },
    scripted: Object.fromEntries(Object.entries(options.replies).map(([m, r]) => [m, { answer: r }])),
  };
}
