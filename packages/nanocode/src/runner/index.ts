export { type BudgetTracker, createBudgetTracker, effectiveBudget } from './budget-tracker.js';
export { type CompiledWorkflow, compileWorkflow } from './compile-workflow.js';
export { createLiveEffects } from './live-effects.js';
export {
  createRecordingEffects,
  createReplayEffects,
  type EffectRecord,
  type RecordingEffects,
} from './recorded-effects.js';
export { runWorkflow } from './run-workflow.js';
export { resultSteps, stepDependencies, topologicalOrder } from './step-graph.js';
export { FRAMEWORK_VERSION } from './version.js';
