import { estimateTokens } from './estimate-tokens.js';
import type {
  FakeContentFilterBehaviour,
  FakeCutStreamBehaviour,
  FakeFinish,
  FakeReplyBehaviour,
} from './fake-provider-types.js';

/** A reply the fake will send, before any wire format shapes it. */
export interface FakeCompletion {
  text: string;
  finish: FakeFinish;
  /** `undefined` when the behaviour asked to omit usage. */
  usage: { input: number; output: number } | undefined;
  /** Destroy the connection after this many text deltas (or half the body when not streaming). */
  cutAfter: number | undefined;
  delayMs: number;
}

/**
 * Turns a behaviour (or none: the default reply) into a completion. Like a real model, a reply
 * longer than the request's token limit is cut to it and finishes with `length`, unless the
 * behaviour names its finish itself.
 */
export function planCompletion(options: {
  behaviour: FakeReplyBehaviour | FakeCutStreamBehaviour | FakeContentFilterBehaviour | undefined;
  defaultText: string;
  prompt: string;
  maxTokens: number | undefined;
}): FakeCompletion {
  const { behaviour } = options;
  const input = estimateTokens({ text: options.prompt });
  if (behaviour !== undefined && 'contentFilter' in behaviour) {
    return {
      text: '',
      finish: 'content_filter',
      usage: { input, output: 0 },
      cutAfter: undefined,
      delayMs: 0,
    };
  }
  const reply = behaviour !== undefined && 'reply' in behaviour ? behaviour : undefined;
  let text = reply?.reply ?? options.defaultText;
  let finish: FakeFinish = reply?.finish ?? 'stop';
  const limit = options.maxTokens;
  if (reply?.finish === undefined && limit !== undefined && estimateTokens({ text }) > limit) {
    text = text.slice(0, limit * 4);
    finish = 'length';
  }
  const usage =
    reply?.usage === 'omit' ? undefined : (reply?.usage ?? { input, output: estimateTokens({ text }) });
  return {
    text,
    finish,
    usage,
    cutAfter:
      behaviour !== undefined && 'cutStreamAfterChunks' in behaviour
        ? behaviour.cutStreamAfterChunks
        : undefined,
    delayMs: reply?.delayMs ?? 0,
  };
}
