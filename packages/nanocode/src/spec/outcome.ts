/** Final status of a constraint on the released output (DESIGN.md §1). */
export type ConstraintStatus = 'enforced' | 'waived' | 'violated' | 'unchecked' | 'not_applicable';

/** Final outcome of a run (DESIGN.md §1). */
export type RunOutcome = 'certified' | 'certified_with_exceptions' | 'degraded' | 'stopped' | 'error';

/** The recovery strategies, in their canonical order. */
export const RECOVERY_STRATEGIES = ['retry', 'repair', 'fallback', 'degrade', 'stop'] as const;
/** A recovery strategy. */
export type RecoveryStrategy = (typeof RECOVERY_STRATEGIES)[number];

/** The budget dimensions. */
export const BUDGET_DIMENSIONS = ['attempts', 'tokens', 'cost_usd', 'time_ms'] as const;
/** A budget dimension. */
export type BudgetDimension = (typeof BUDGET_DIMENSIONS)[number];
