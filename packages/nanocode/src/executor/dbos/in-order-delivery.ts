import { setImmediate as nextMacrotask } from 'node:timers/promises';

/** Hands settled work back to its caller in the order the work was started. */
export interface InOrderDelivery {
  /**
   * Resolves or rejects like `work`, but only after everything passed in before it has been delivered
   * and the caller's reaction to that has run to completion (a macrotask boundary in between).
   */
  deliver<T>(work: Promise<T>): Promise<T>;
}

/**
 * Creates an {@link InOrderDelivery}. This is what makes a workflow with concurrent steps replayable on
 * DBOS: DBOS numbers a workflow's steps in the order they are called, so the runner must call them in
 * the same order on every execution. The runner only ever moves on when an effect resolves, and between
 * two deliveries it runs microtasks only; so when results reach it one at a time, in call order, each
 * after the previous one's reaction has settled, the order of its calls is a function of the results
 * alone, never of which provider answered first. Work still runs concurrently; only its delivery waits.
 */
export function createInOrderDelivery(): InOrderDelivery {
  let previous: Promise<void> = Promise.resolve();
  return {
    deliver<T>(work: Promise<T>): Promise<T> {
      const settled = work.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      const turn = previous.then(() => nextMacrotask()).then(() => settled);
      previous = turn.then(() => undefined);
      return turn.then((result) => (result.ok ? result.value : Promise.reject(result.error)));
    },
  };
}
