import { createHash } from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';

/**
 * RFC 9162 §2.1 Merkle Tree Hash over SHA-256, the hashing that RFC 6962 logs, Tessera and the C2SP
 * checkpoint tools share. Proof *generation* lives here; verification is in `merkle-verify.ts` so an
 * auditor's code path never needs the leaves.
 */

/** Size in bytes of every hash in the tree. */
export const MERKLE_HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** `SHA-256(0x00 || data)`: the hash of one leaf's input. */
export function leafHash(data: Uint8Array): Uint8Array {
  return plain(createHash('sha256').update(LEAF_PREFIX).update(data).digest());
}

/** `SHA-256(0x01 || left || right)`: the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return plain(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** `SHA-256("")`: the root of the empty tree. */
export function emptyRootHash(): Uint8Array {
  return plain(createHash('sha256').digest());
}

/** MTH(D[n]) where `leaves` are already leaf hashes; the empty tree hashes to `SHA-256("")`. */
export function rootHash(leaves: readonly Uint8Array[]): Uint8Array {
  return leaves.length === 0 ? emptyRootHash() : subtreeHash(leaves, 0, leaves.length);
}

/** Options for {@link inclusionProof}. */
export interface InclusionProofOptions {
  /** 0-based index of the leaf to prove. */
  index: number;
  /** All leaf hashes of the tree the proof is for (the tree size is `leaves.length`). */
  leaves: readonly Uint8Array[];
}

/** PATH(m, D[n]) (RFC 9162 §2.1.3.1): sibling hashes from the leaf up to the root's child. */
export function inclusionProof(options: InclusionProofOptions): Uint8Array[] {
  const { index, leaves } = options;
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw rangeError(`leaf index ${index} is outside a tree of size ${leaves.length}`);
  }
  const proof: Uint8Array[] = [];
  // Walk down from the root, collecting the sibling subtree at each level; the proof lists them bottom-up.
  let start = 0;
  let end = leaves.length;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      proof.push(subtreeHash(leaves, start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(leaves, start, start + k));
      start += k;
    }
  }
  return proof.reverse();
}

/** Options for {@link consistencyProof}. */
export interface ConsistencyProofOptions {
  /** Size of the older tree, `0 < size1 <= leaves.length`. */
  size1: number;
  /** The leaf hashes of the newer tree (its size, size2, is `leaves.length`). */
  leaves: readonly Uint8Array[];
}

/** PROOF(m, D[n]) (RFC 9162 §2.1.4.1): shows the tree of `size1` leaves is a prefix of `leaves`. */
export function consistencyProof(options: ConsistencyProofOptions): Uint8Array[] {
  const { size1, leaves } = options;
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > leaves.length) {
    throw rangeError(`size1 ${size1} must be between 1 and the tree size ${leaves.length}`);
  }
  return subproof(leaves, size1, 0, leaves.length, true);
}

/** SUBPROOF(m, D[start:end], b), with `m` counted from `start`. */
function subproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  b: boolean,
): Uint8Array[] {
  const n = end - start;
  if (m === n) return b ? [] : [subtreeHash(leaves, start, end)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(leaves, m, start, start + k, b), subtreeHash(leaves, start + k, end)];
  return [...subproof(leaves, m - k, start + k, end, false), subtreeHash(leaves, start, start + k)];
}

/** MTH(D[start:end]) for a non-empty range; recursion depth is log2 of the range size. */
function subtreeHash(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return leaves[start]!;
  const k = largestPowerOfTwoBelow(end - start);
  return nodeHash(subtreeHash(leaves, start, start + k), subtreeHash(leaves, start + k, end));
}

/** The largest power of two strictly less than `n` (for n >= 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A plain Uint8Array copy of a digest, so hashes compare equal whatever produced them. */
function plain(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}

function rangeError(message: string): NanocodeError {
  return new NanocodeError({ code: 'NC_EVIDENCE_LOG_RANGE', message });
}
