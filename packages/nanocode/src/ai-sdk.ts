/**
 * `nanocode/ai-sdk`: wraps any Vercel AI SDK v6 language model (`LanguageModelV3`) as a Nanocode
 * adapter, so every AI SDK provider package works with Nanocode's ladder as the only retry loop.
 * Needs the optional peer dependency `@ai-sdk/provider` (installed with `ai`).
 */
export { createAiSdkAdapter } from './adapters/ai-sdk/create-ai-sdk-adapter.js';
