/**
 * Test helpers for people testing their own workflows. Everything here is for tests and demos:
 * the scripted adapter calls no model, and says so (`simulated: true`, provider `scripted`).
 */

export { createReplayAdapters } from './adapters/replay/create-replay-adapters.js';
export { createScriptedAdapter, type ScriptedReply } from './adapters/scripted/create-scripted-adapter.js';
export { createRecordingEffects, createReplayEffects } from './runner/index.js';
