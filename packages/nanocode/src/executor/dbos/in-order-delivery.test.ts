import { describe, expect, it } from 'vitest';
import { createInOrderDelivery } from './in-order-delivery.js';

function later<T>(options: { ms: number; value: T }): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(options.value), options.ms));
}

describe('createInOrderDelivery', () => {
  it('delivers in the order the work was started, not the order it settled', async () => {
    const delivery = createInOrderDelivery();
    const seen: string[] = [];
    const slow = delivery.deliver(later({ ms: 40, value: 'slow' })).then((v) => seen.push(v));
    const fast = delivery.deliver(later({ ms: 1, value: 'fast' })).then((v) => seen.push(v));
    await Promise.all([slow, fast]);
    expect(seen).toEqual(['slow', 'fast']);
  });

  it("lets the caller's reaction to one delivery run to completion before the next", async () => {
    const delivery = createInOrderDelivery();
    const seen: string[] = [];
    const first = (async () => {
      seen.push(await delivery.deliver(Promise.resolve('a')));
      // A reaction several microtask hops long, as the runner's is between two effects.
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
      seen.push('a reacted');
    })();
    const second = (async () => {
      seen.push(await delivery.deliver(Promise.resolve('b')));
    })();
    await Promise.all([first, second]);
    expect(seen).toEqual(['a', 'a reacted', 'b']);
  });

  it('passes rejections through in order, without holding up later work', async () => {
    const delivery = createInOrderDelivery();
    const failed = delivery.deliver(Promise.reject(new Error('boom')));
    const next = delivery.deliver(Promise.resolve(2));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(2);
  });
});
