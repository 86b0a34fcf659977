/**
 * Test helpers for people testing their own workflows. Everything here is for tests and demos:
 * the scripted adapter calls no model, and says so (`simulated: true`, provider `scripted`).
 */

export { createReplayAdapters } from './adapters/replay/create-replay-adapters.js';
export { createScriptedAdapter, type ScriptedReply } from './adapters/scripted/create-scripted-adapter.js';
export { createRecordingEffects, createReplayEffects } from './runner/index.js';
export {
  FAKE_DEFAULT_REPLY,
  FAKE_MAX_DELAY_MS,
  FAKE_MAX_HANG_MS,
  type FakeBehaviour,
  type FakeContentFilterBehaviour,
  type FakeCutStreamBehaviour,
  type FakeErrorBehaviour,
  type FakeErrorStatus,
  type FakeFinish,
  type FakeHangBehaviour,
  type FakeMalformedJsonBehaviour,
  type FakeProvider,
  type FakeReplyBehaviour,
  type FakeRequest,
  type FakeRoute,
  type StartFakeProviderOptions,
} from './testing/fake-provider/fake-provider-types.js';
export { FAKE_MODEL_ID } from './testing/fake-provider/models-route.js';
export { startFakeProvider } from './testing/fake-provider/start-fake-provider.js';
