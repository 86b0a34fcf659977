import { describe, expect, it } from 'vitest';
import { mapInOrder } from './map-in-order.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('mapInOrder', () => {
  it('yields results in source order while calls finish out of order, never over the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 1, 20, 5, 0, 12, 3, 25, 2, 8, 0, 15];
    const results: number[] = [];
    for await (const value of mapInOrder({
      source: delays.keys(),
      concurrency: 3,
      fn: async (index) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, delays[index]));
        running -= 1;
        return index * 10;
      },
    })) {
      results.push(value);
    }
    expect(results).toEqual(delays.map((_, i) => i * 10));
    expect(peak).toBe(3);
  });

  it('pulls from the source only as the window moves, so a finished result waits at most `concurrency` deep', async () => {
    const gates = Array.from({ length: 6 }, deferred);
    let pulled = 0;
    function* source(): Generator<number> {
      for (let i = 0; i < gates.length; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const iterator = mapInOrder({
      source: source(),
      concurrency: 2,
      fn: (i) => gates[i]?.promise.then(() => i) ?? Promise.resolve(i),
    });
    const first = iterator.next();
    await new Promise((r) => setTimeout(r, 5));
    gates[1]?.resolve();
    await new Promise((r) => setTimeout(r, 5));
    // Item 1 is done but item 0 is not: nothing more may start.
    expect(pulled).toBe(2);
    gates[0]?.resolve();
    expect(await first).toEqual({ value: 0, done: false });
    for (const gate of gates) gate.resolve();
    const rest: number[] = [];
    for await (const value of iterator) rest.push(value);
    expect(rest).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops pulling when the consumer stops early, and propagates a source error', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 100; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    for await (const value of mapInOrder({ source: source(), concurrency: 4, fn: async (i) => i })) {
      if (value === 1) break;
    }
    expect(pulled).toBeLessThanOrEqual(6);
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('bad row');
    }
    const drained = async () => {
      for await (const _ of mapInOrder({ source: failing(), concurrency: 2, fn: async (i) => i })) {
        // drain
      }
    };
    await expect(drained()).rejects.toThrow('bad row');
  });
});
