import type { Usage } from '../spec/adapter.js';
import type { BudgetConsumed, BudgetLimits } from '../spec/events.js';
import type { BudgetDimension } from '../spec/outcome.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** The budget that applies: the workflow's, tightened (never loosened) by the profile's. */
export function effectiveBudget(config: ResolvedConfig): BudgetLimits {
  const base = config.workflow.budget;
  const override = config.profile.budget;
  return {
    attempts: Math.min(base.attempts, override.attempts ?? Number.POSITIVE_INFINITY),
    tokens: Math.min(base.tokens, override.tokens ?? Number.POSITIVE_INFINITY),
    cost_usd: Math.min(base.cost_usd, override.cost_usd ?? Number.POSITIVE_INFINITY),
    time_ms: Math.min(base.time_ms, override.time_ms ?? Number.POSITIVE_INFINITY),
  };
}

/** One budget across all steps and strategies of a run. */
export interface BudgetTracker {
  readonly limits: BudgetLimits;
  /** Counts an attempt before it starts. */
  startAttempt(): void;
  /** Adds what an attempt consumed. */
  addUsage(options: { usage: Usage; cost_usd: number }): void;
  /** Elapsed time is read from the effects clock by the caller. */
  setElapsed(ms: number): void;
  /** The first exhausted dimension, if any, before starting another attempt. */
  exhausted(): BudgetDimension | undefined;
  consumed(): BudgetConsumed;
}

/** Creates the run's budget tracker. */
export function createBudgetTracker(options: { limits: BudgetLimits }): BudgetTracker {
  const { limits } = options;
  const used: BudgetConsumed = { attempts: 0, tokens: 0, cost_usd: 0, time_ms: 0 };
  return {
    limits,
    startAttempt() {
      used.attempts += 1;
    },
    addUsage({ usage, cost_usd }) {
      used.tokens += usage.input_tokens + usage.output_tokens;
      // Rounded to a nano-dollar so sums are reproducible across runs.
      used.cost_usd = Math.round((used.cost_usd + cost_usd) * 1e9) / 1e9;
    },
    setElapsed(ms) {
      used.time_ms = Math.max(used.time_ms, ms);
    },
    exhausted() {
      if (used.attempts >= limits.attempts) return 'attempts';
      if (used.tokens >= limits.tokens) return 'tokens';
      // A zero cost limit means "nothing paid": free (e.g. local) models may still run.
      if (limits.cost_usd > 0 ? used.cost_usd >= limits.cost_usd : used.cost_usd > 0) return 'cost_usd';
      if (used.time_ms >= limits.time_ms) return 'time_ms';
      return undefined;
    },
    consumed() {
      return { ...used };
    },
  };
}
