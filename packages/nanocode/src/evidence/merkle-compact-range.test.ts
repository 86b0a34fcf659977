import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, rootHash } from './merkle.js';
import { createCompactRange } from './merkle-compact-range.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';

function leaves(count: number, seed = 0): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${seed}/${i}`)));
}

describe('createCompactRange', () => {
  it('has the root of the full recomputation at every size from 0 to 600', () => {
    const all = leaves(600);
    const range = createCompactRange();
    expect(range.root()).toEqual(rootHash([]));
    for (let n = 1; n <= all.length; n += 1) {
      range.append(all[n - 1] as Uint8Array);
      expect(range.size).toBe(n);
      // One subtree root per set bit of the size.
      expect(range.hashes.length).toBe(n.toString(2).replace(/0/g, '').length);
      expect(range.root(), `size ${n}`).toEqual(rootHash(all.slice(0, n)));
    }
  });

  it('agrees with the full recomputation for random sizes, however it was built', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const all = leaves(n, seed);
        const split = Math.floor(n / 3);
        const range = createCompactRange({ leaves: all.slice(0, split) });
        const copy = range.clone();
        for (const leaf of all.slice(split)) range.append(leaf);
        expect(range.root()).toEqual(rootHash(all));
        // The clone did not move with the original.
        expect(copy.size).toBe(split);
        expect(copy.root()).toEqual(rootHash(all.slice(0, split)));
      }),
      { numRuns: 40 },
    );
  });

  it('gives roots that inclusion and consistency proofs from the leaves verify against', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), (n, a, b) => {
        const all = leaves(n);
        const range = createCompactRange({ leaves: all });
        const index = a % n;
        const size1 = (b % n) + 1;
        const older = createCompactRange({ leaves: all.slice(0, size1) });
        expect(
          verifyInclusion({
            index,
            size: n,
            leafHash: all[index] as Uint8Array,
            proof: inclusionProof({ index, leaves: all }),
            root: range.root(),
          }),
        ).toEqual({ ok: true });
        expect(
          verifyConsistency({
            size1,
            size2: n,
            root1: older.root(),
            root2: range.root(),
            proof: consistencyProof({ size1, leaves: all }),
          }),
        ).toEqual({ ok: true });
      }),
      { numRuns: 40 },
    );
  });
});
