import { describe, expect, it } from 'vitest';
import { createMemoryLeafStore } from './tlog-leaf-store.js';

describe('createMemoryLeafStore', () => {
  it('keeps one ordered list per tenant and returns copies', async () => {
    const store = createMemoryLeafStore();
    const leaf = new Uint8Array(32).fill(1);
    expect(await store.append({ tenant: 'a', leafHash: leaf })).toBe(0);
    expect(await store.append({ tenant: 'a', leafHash: new Uint8Array(32).fill(2) })).toBe(1);
    expect(await store.append({ tenant: 'b', leafHash: leaf })).toBe(0);
    leaf.fill(9);
    const [first] = await store.get({ tenant: 'a', start: 0, end: 1 });
    expect(first).toEqual(new Uint8Array(32).fill(1));
    first!.fill(7);
    expect((await store.get({ tenant: 'a', start: 0, end: 2 }))[0]).toEqual(new Uint8Array(32).fill(1));
    expect(await store.size({ tenant: 'a' })).toBe(2);
    expect(await store.size({ tenant: 'none' })).toBe(0);
    expect(await store.get({ tenant: 'none', start: 0, end: 0 })).toEqual([]);
  });

  it('rejects ranges outside the list', async () => {
    const store = createMemoryLeafStore();
    await store.append({ tenant: 'a', leafHash: new Uint8Array(32) });
    for (const [start, end] of [
      [0, 2],
      [-1, 1],
      [1, 0],
      [0.5, 1],
    ] as const) {
      await expect(store.get({ tenant: 'a', start, end })).rejects.toThrow(
        expect.objectContaining({ code: 'NC_EVIDENCE_LOG_RANGE' }),
      );
    }
  });
});
