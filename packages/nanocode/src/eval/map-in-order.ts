/** Options of {@link mapInOrder}. */
export interface MapInOrderOptions<T, R> {
  source: AsyncIterable<T> | Iterable<T>;
  /** At most this many `fn` calls run at once (>= 1). */
  concurrency: number;
  fn: (item: T, index: number) => Promise<R>;
}

/**
 * Maps `source` through `fn` with bounded concurrency and yields results in source order. Items are
 * pulled from the source only as slots free up, and a finished result waits in a reorder buffer only
 * while an earlier one is still running; the window from the oldest unfinished item spans at most
 * `concurrency` items, so memory stays bounded by `concurrency` whatever the source's length.
 * `fn` must not reject (report failures as values); a rejection propagates and stops the map.
 */
export async function* mapInOrder<T, R>(options: MapInOrderOptions<T, R>): AsyncGenerator<R> {
  const { fn } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const iterator =
    Symbol.asyncIterator in options.source
      ? options.source[Symbol.asyncIterator]()
      : (options.source as Iterable<T>)[Symbol.iterator]();
  const pending = new Map<number, Promise<R>>();
  let next = 0;
  let emitted = 0;
  let done = false;
  try {
    while (true) {
      // Fill the window: only items within `concurrency` of the next one to emit.
      while (!done && next - emitted < concurrency) {
        const step = await iterator.next();
        if (step.done) {
          done = true;
          break;
        }
        const index = next;
        pending.set(index, fn(step.value, index));
        next += 1;
      }
      const head = pending.get(emitted);
      if (head === undefined) return;
      const value = await head;
      pending.delete(emitted);
      emitted += 1;
      yield value;
    }
  } finally {
    if (!done) await iterator.return?.();
    // Let in-flight calls settle so none outlives the map unobserved.
    await Promise.allSettled(pending.values());
  }
}
