/**
 * Nanocode: LLM workflows with declared constraints, a bounded recovery ladder and hash-chained,
 * offline-verifiable evidence. This is the public surface; everything else is internal.
 */

// Adapters. The AI SDK bridge has its own entry, `nanocode/ai-sdk`, so this one needs no AI SDK types.
export { createAnthropicAdapter } from './adapters/anthropic/create-anthropic-adapter.js';
export { createHttpAdapter } from './adapters/http/create-http-adapter.js';
export { createOpenAIAdapter } from './adapters/openai/create-openai-adapter.js';
export { createReplayAdapters } from './adapters/replay/create-replay-adapters.js';
export { createAdapterResolver } from './compose/create-adapter-resolver.js';
// Loading workflow, profile and template files.
export {
  ConfigLoadError,
  generateJsonSchema,
  type LoadConfigOptions,
  loadConfig,
  type ResolveConfigOptions,
  resolveConfig,
  resolvedConfigToYaml,
  resolveSecret,
  type ValidateFilesOptions,
  validateFiles,
} from './config/index.js';
// Constraints.
export {
  compileConstraint,
  constraintOutcome,
  evaluateConstraint,
  type JudgeRunner,
} from './constraints/index.js';
// Evidence: the event log and its checks, signing, and the transparency log.
export * from './evidence/index.js';
export * from './evidence/tlog-index.js';
// Running.
export {
  compileWorkflow,
  createLiveEffects,
  createRecordingEffects,
  createReplayEffects,
  type EffectRecord,
  FRAMEWORK_VERSION,
  type RecordingEffects,
  runWorkflow,
} from './runner/index.js';
// Contracts: adapters, constraints, events, effects, errors, verdicts, workflows.
export * from './spec/index.js';
