import type { AdapterResolver } from './adapter.js';
import type { CustomConstraint } from './constraint.js';
import type { Effects } from './effects.js';
import type { PolicyRef, RunEvent, RunHeader } from './events.js';
import type { RunOutcome } from './outcome.js';
import type { ResolvedConfig } from './workflow.js';

/** A function step implementation, registered in code by name. */
export type StepFunction = (args: Record<string, unknown>, options: { signal: AbortSignal }) => unknown;

/** Options of one run (`runWorkflow`). Everything the run depends on is passed in; nothing is global. */
export interface RunOptions {
  config: ResolvedConfig;
  inputs: Record<string, unknown>;
  /** Resolves `provider:model` references to adapters. */
  adapters: AdapterResolver;
  functions?: Record<string, StepFunction>;
  custom?: CustomConstraint[];
  /** Defaults to live effects (system clock, crypto ids, real calls). */
  effects?: Effects;
  signal?: AbortSignal;
  /** Called for every event as it is appended (live timelines, SSE). Must not throw. */
  onEvent?: (event: RunEvent) => void;
  /**
   * Receives streamed text of `release: pass_through` steps as it arrives, before any check. Without
   * it, such steps are buffered and checked before release like any other. Must not throw.
   */
  onDelta?: (delta: { step: string; attempt: number; text: string }) => void;
  /** Overrides the run id (otherwise drawn from effects). */
  run_id?: string;
  /** The policy the profile was resolved under, recorded in `run.started`; `{ source: 'files' }` when absent. */
  policy?: PolicyRef;
}

/** The result of a run. Failures of the model or of constraints are data here, not exceptions. */
export interface RunResult {
  run_id: string;
  outcome: RunOutcome;
  /** The released result (the `result` step's output), absent when nothing was released. */
  output?: unknown;
  /** Every step's released output. */
  outputs: Record<string, unknown>;
  header: RunHeader;
  events: RunEvent[];
  error?: { code: string; message: string };
  /**
   * Salts of the redacted values' commitments, by name (`input/<path>`, `prompt/<step>/<attempt>`,
   * `output/<step>/<attempt>`). Store them apart from the events: erasing one forgets the value.
   */
  salts: Record<string, string>;
}
