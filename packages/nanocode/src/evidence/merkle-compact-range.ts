import { emptyRootHash, nodeHash } from './merkle.js';

/**
 * A compact range over the leaves `[0, size)` of an RFC 6962 / RFC 9162 Merkle tree (C2SP calls it a
 * compact range; Certificate Transparency logs keep the same "right edge"): the roots of the perfect
 * subtrees the leaves split into, one per set bit of `size`, largest first. That is all a log needs to
 * append a leaf and compute the new root in O(log n), without reading the leaves again.
 */
export interface CompactRange {
  /** How many leaves the range covers. */
  readonly size: number;
  /** The perfect subtree roots, largest (leftmost) first; `popcount(size)` of them. */
  readonly hashes: readonly Uint8Array[];
  /** Adds the next leaf hash (already `leafHash`ed): O(log n) node hashes at most. */
  append(leaf: Uint8Array): void;
  /** MTH of the covered leaves: the perfect subtree roots folded right to left, O(log n). */
  root(): Uint8Array;
  /** An independent copy. */
  clone(): CompactRange;
}

/** A compact range over `leaves` (leaf hashes), built in O(n); empty when none are given. */
export function createCompactRange(options: { leaves?: Iterable<Uint8Array> } = {}): CompactRange {
  const range = fromState({ size: 0, hashes: [] });
  for (const leaf of options.leaves ?? []) range.append(leaf);
  return range;
}

function fromState(state: { size: number; hashes: Uint8Array[] }): CompactRange {
  let { size } = state;
  const hashes = state.hashes;
  return {
    get size() {
      return size;
    },
    get hashes() {
      return hashes;
    },
    append(leaf) {
      // Each trailing 1 bit of the old size is a perfect subtree as large as the one just completed:
      // merge them pairwise, like a carry in binary addition.
      let hash = leaf;
      for (let carry = size; carry & 1; carry = Math.floor(carry / 2)) {
        hash = nodeHash(hashes.pop() as Uint8Array, hash);
      }
      hashes.push(hash);
      size += 1;
    },
    root() {
      if (hashes.length === 0) return emptyRootHash();
      let root = hashes[hashes.length - 1] as Uint8Array;
      for (let i = hashes.length - 2; i >= 0; i -= 1) root = nodeHash(hashes[i] as Uint8Array, root);
      return root;
    },
    clone() {
      return fromState({ size, hashes: [...hashes] });
    },
  };
}
