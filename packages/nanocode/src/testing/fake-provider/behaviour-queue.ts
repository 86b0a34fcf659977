import { NanocodeError } from '../../spec/errors.js';
import type { FakeBehaviour, FakeRequest } from './fake-provider-types.js';

const ERROR_STATUSES = new Set([400, 401, 403, 404, 408, 409, 413, 429, 500, 502, 503, 529]);

/** The behaviours waiting for model requests: queued ones first (FIFO), then the script function. */
export interface BehaviourQueue {
  enqueue(behaviours: readonly FakeBehaviour[]): void;
  /** The behaviour for this request, or `undefined` to answer with the default reply. */
  next(request: FakeRequest): FakeBehaviour | undefined;
}

/** Creates the queue; every behaviour is checked when it is queued, so mistakes fail in the test that made them. */
export function createBehaviourQueue(options: {
  script?: FakeBehaviour[] | ((request: FakeRequest) => FakeBehaviour);
}): BehaviourQueue {
  const queue: FakeBehaviour[] = [];
  const decide = typeof options.script === 'function' ? options.script : undefined;
  const enqueue = (behaviours: readonly FakeBehaviour[]): void => {
    for (const behaviour of behaviours) queue.push(checkBehaviour({ behaviour }));
  };
  if (Array.isArray(options.script)) enqueue(options.script);
  return {
    enqueue,
    next(request) {
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      return decide === undefined ? undefined : checkBehaviour({ behaviour: decide(request) });
    },
  };
}

/** Returns the behaviour when it is one the fake knows; throws `NC_CFG_INVALID_VALUE` otherwise. */
export function checkBehaviour(options: { behaviour: FakeBehaviour }): FakeBehaviour {
  const b = options.behaviour as unknown as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_VALUE',
      message: `fake provider behaviour ${JSON.stringify(options.behaviour)}: ${why}`,
    });
  };
  if (typeof b !== 'object' || b === null) return fail('not an object');
  if ('reply' in b) {
    if (typeof b.reply !== 'string') fail('`reply` must be a string');
    if (b.delayMs !== undefined && !isCount(b.delayMs)) fail('`delayMs` must be a non-negative integer');
  } else if ('status' in b) {
    if (!ERROR_STATUSES.has(b.status as number))
      fail(`status must be one of ${[...ERROR_STATUSES].join(', ')}`);
    if (b.retryAfter !== undefined && !isCount(b.retryAfter)) fail('`retryAfter` must be whole seconds');
  } else if ('cutStreamAfterChunks' in b) {
    if (!isCount(b.cutStreamAfterChunks)) fail('`cutStreamAfterChunks` must be a non-negative integer');
  } else if (b.hang !== true && b.malformedJson !== true && b.contentFilter !== true) {
    fail('expected reply, status, hang, malformedJson, cutStreamAfterChunks or contentFilter');
  }
  return options.behaviour;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
