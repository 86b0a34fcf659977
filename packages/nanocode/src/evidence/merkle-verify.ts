import { MERKLE_HASH_SIZE, nodeHash } from './merkle.js';

/**
 * RFC 9162 §2.1.3.2 and §2.1.4.2 proof verification. Every input is treated as untrusted: malformed
 * sizes, hashes of the wrong length or proofs of the wrong shape give `{ ok: false }`, never a throw.
 */

/** The result of checking a Merkle proof. */
export type ProofCheck = { ok: true } | { ok: false; reason: string };

/** Options for {@link verifyInclusion}. */
export interface VerifyInclusionOptions {
  /** 0-based index of the leaf. */
  index: number;
  /** Size of the tree whose root is `root`. */
  size: number;
  /** The leaf hash, `SHA-256(0x00 || data)`. */
  leafHash: Uint8Array;
  /** Sibling hashes, bottom-up, as produced by `inclusionProof`. */
  proof: readonly Uint8Array[];
  /** The expected root of the tree of `size` leaves. */
  root: Uint8Array;
}

/** Checks that `leafHash` sits at `index` in the tree of `size` leaves whose root is `root`. */
export function verifyInclusion(options: VerifyInclusionOptions): ProofCheck {
  const { index, size, leafHash, proof, root } = options;
  if (!isCount(size) || !isCount(index)) return fail('index and size must be non-negative safe integers');
  if (index >= size) return fail(`index ${index} is not below tree size ${size}`);
  if (!isHash(leafHash)) return fail(`leaf hash must be ${MERKLE_HASH_SIZE} bytes`);
  if (!isHash(root)) return fail(`root must be ${MERKLE_HASH_SIZE} bytes`);
  if (!isHashList(proof)) return fail(`every proof element must be ${MERKLE_HASH_SIZE} bytes`);

  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return fail('proof is longer than the path from the leaf to the root');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this node has no right sibling (the tree's right edge).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof is shorter than the path from the leaf to the root');
  return bytesEqual(r, root) ? { ok: true } : fail('computed root does not match the expected root');
}

/** Options for {@link verifyConsistency}. */
export interface VerifyConsistencyOptions {
  /** Size of the older tree; must be at least 1. */
  size1: number;
  /** Size of the newer tree; must be at least `size1`. */
  size2: number;
  /** Root of the older tree. */
  root1: Uint8Array;
  /** Root of the newer tree. */
  root2: Uint8Array;
  /** Proof hashes as produced by `consistencyProof`. */
  proof: readonly Uint8Array[];
}

/** Checks that the tree of `size1` leaves with `root1` is a prefix of the tree of `size2` with `root2`. */
export function verifyConsistency(options: VerifyConsistencyOptions): ProofCheck {
  const { size1, size2, root1, root2, proof } = options;
  if (!isCount(size1) || !isCount(size2)) return fail('sizes must be non-negative safe integers');
  // Nothing can be proven about the empty tree: every tree extends it.
  if (size1 === 0) return fail('size1 must be at least 1');
  if (size2 < size1) return fail(`size2 ${size2} is smaller than size1 ${size1}`);
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return fail('roots must be bytes');
  if (!Array.isArray(proof)) return fail('proof must be a list of hashes');
  if (size1 === size2) {
    // Byte equality is the whole check here, as in transparency-dev/merkle (its vectors accept it).
    if (proof.length > 0) return fail('equal sizes need an empty proof');
    return bytesEqual(root1, root2) ? { ok: true } : fail('equal sizes but different roots');
  }
  if (proof.length === 0) return fail('proof is empty');
  if (!isHash(root1) || !isHash(root2)) return fail(`roots must be ${MERKLE_HASH_SIZE} bytes`);
  if (!isHashList(proof)) return fail(`every proof element must be ${MERKLE_HASH_SIZE} bytes`);

  // When size1 is a power of two, the old root is itself a node of the new tree and starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof is longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof is shorter than needed');
  if (!bytesEqual(fr, root1)) return fail('proof does not reproduce root1');
  if (!bytesEqual(sr, root2)) return fail('proof does not reproduce root2');
  return { ok: true };
}

/** Byte-wise equality of two arrays. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fail(reason: string): ProofCheck {
  return { ok: false, reason };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === MERKLE_HASH_SIZE;
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

// Arithmetic, not bitwise operators: indices may exceed 2^31.
function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
