import type { ServerResponse } from 'node:http';
import type { FakeBehaviour, FakeErrorBehaviour } from './fake-provider-types.js';
import { type FakeCompletion, planCompletion } from './plan-completion.js';
import type { ServerLifetime } from './server-lifetime.js';

/** How one provider's wire format writes each kind of answer. */
export interface WireFormat {
  sendError(options: { res: ServerResponse; error: FakeErrorBehaviour }): void;
  sendMalformed(options: { res: ServerResponse; stream: boolean }): Promise<void>;
  sendCompletion(options: {
    res: ServerResponse;
    completion: FakeCompletion;
    stream: boolean;
  }): Promise<void>;
}

/** Answers one model request with its behaviour, in the route's wire format. */
export async function serveBehaviour(options: {
  behaviour: FakeBehaviour | undefined;
  format: WireFormat;
  res: ServerResponse;
  lifetime: ServerLifetime;
  stream: boolean;
  defaultText: string;
  prompt: string;
  maxTokens: number | undefined;
}): Promise<void> {
  const { behaviour, format, res, lifetime, stream } = options;
  if (behaviour !== undefined && 'hang' in behaviour) {
    lifetime.hang({ res });
    return;
  }
  if (behaviour !== undefined && 'status' in behaviour) {
    format.sendError({ res, error: behaviour });
    return;
  }
  if (behaviour !== undefined && 'malformedJson' in behaviour) {
    await format.sendMalformed({ res, stream });
    return;
  }
  const completion = planCompletion({
    behaviour,
    defaultText: options.defaultText,
    prompt: options.prompt,
    maxTokens: options.maxTokens,
  });
  await lifetime.wait({ ms: completion.delayMs });
  if (lifetime.closing) return;
  await format.sendCompletion({ res, completion, stream });
}
