import type { AdapterResolver } from '../spec/adapter.js';
import type { CompiledConstraint } from '../spec/constraint.js';
import type { Effects } from '../spec/effects.js';
import type { EventData, EventType, RunEvent } from '../spec/events.js';
import type { RunOptions, StepFunction } from '../spec/run.js';
import type { ResolvedConfig, Waiver } from '../spec/workflow.js';
import type { BudgetTracker } from './budget-tracker.js';
import type { Redactor } from './redactor.js';

/** What every part of a running workflow shares. Created once per run by `runWorkflow`. */
export interface RunContext {
  run_id: string;
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  effects: Effects;
  adapters: AdapterResolver;
  functions: Readonly<Record<string, StepFunction>>;
  budget: BudgetTracker;
  /** Aborts on caller cancellation and at the time budget's deadline. */
  signal: AbortSignal;
  /** True when the caller cancelled (as opposed to the deadline firing). */
  cancelled(): boolean;
  /** Compiled output-stage constraints per step id (degrade steps included). */
  constraints: ReadonlyMap<string, CompiledConstraint[]>;
  activeWaivers: readonly Waiver[];
  /** Released outputs so far, by step id. */
  outputs: Record<string, unknown>;
  /** Appends an event; its timestamp comes from the effects clock under a step-scoped key. */
  emit<T extends EventType>(event: {
    type: T;
    step?: string;
    attempt?: number;
    data: EventData[T];
  }): RunEvent<T>;
  /** Reads the clock under a step-scoped key, and updates the time budget. */
  now(scope: string): number;
  /** Receives pass-through deltas; absent when the caller does not stream. */
  onDelta: RunOptions['onDelta'];
  /** Applies the redaction policy to what events record. */
  redactor: Redactor;
}
