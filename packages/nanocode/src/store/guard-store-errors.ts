import type { LogLeafStore, RunStore } from '../spec/store.js';

/** Turns an error a store call threw into the one to throw instead (or returns it unchanged). */
export type StoreErrorMapper = (options: { error: unknown; operation: string }) => unknown;

/**
 * Wraps every call of a store (its log leaves included) so that what the driver throws goes through
 * `mapError` with the call's name, e.g. `listRuns` or `leaves.append`. The SQL stores use it to turn
 * driver failures after opening into coded `NanocodeError`s; errors the store raised itself pass
 * unchanged when the mapper leaves them so.
 */
export function guardStoreErrors(options: { store: RunStore; mapError: StoreErrorMapper }): RunStore {
  const { store, mapError } = options;
  const leaves = guardMethods({ target: store.leaves, prefix: 'leaves.', mapError });
  return { ...guardMethods({ target: store, prefix: '', mapError }), leaves };
}

function guardMethods<T extends RunStore | LogLeafStore>(options: {
  target: T;
  prefix: string;
  mapError: StoreErrorMapper;
}): T {
  const { target, prefix, mapError } = options;
  const guarded = Object.entries(target).map(([name, value]) => {
    if (typeof value !== 'function') return [name, value];
    const call = value as (...args: unknown[]) => Promise<unknown>;
    const operation = `${prefix}${name}`;
    return [
      name,
      async (...args: unknown[]) => {
        try {
          return await call.apply(target, args);
        } catch (error) {
          throw mapError({ error, operation });
        }
      },
    ];
  });
  return Object.fromEntries(guarded) as T;
}
