import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import { consistencyProof, emptyRootHash, inclusionProof, leafHash, nodeHash, rootHash } from './merkle.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectorsDir = join(repoRoot, '../shared/vectors/rfc6962-merkle');
const haveVectors = existsSync(vectorsDir);
if (!haveVectors) console.warn(`skipping RFC 6962 reference-tree tests: ${vectorsDir} not found`);

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(vectorsDir, path), 'utf8'));

interface ReferenceTree {
  leafInputsHex: string[];
  nodeHashesByLevel: string[][];
  rootHashesBySize: Record<string, string>;
}

describe('hashing', () => {
  it('uses the RFC 6962 domain separation prefixes', () => {
    expect(hex(emptyRootHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootHash([]))).toBe(hex(emptyRootHash()));
    // SHA-256(0x00) and SHA-256(0x01 || 32 zero bytes || 32 zero bytes) differ from plain SHA-256.
    expect(hex(leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(hex(nodeHash(new Uint8Array(32), new Uint8Array(32)))).not.toBe(hex(leafHash(new Uint8Array(64))));
  });
});

describe.skipIf(!haveVectors)('reference tree (transparency-dev/merkle)', () => {
  const tree = (haveVectors ? readJson('reference-tree.json') : {}) as ReferenceTree;
  const leaves = haveVectors ? tree.leafInputsHex.map((input) => leafHash(fromHex(input))) : [];

  it('reproduces the leaf hashes and the root of every prefix size 0..8', () => {
    expect(leaves.map(hex)).toEqual(tree.nodeHashesByLevel[0]);
    for (const [size, root] of Object.entries(tree.rootHashesBySize)) {
      expect(hex(rootHash(leaves.slice(0, Number(size))))).toBe(root);
    }
  });

  it('generates exactly the proofs of the happy-path vectors', () => {
    for (const folder of ['1', '2', '3', '4']) {
      const v = readJson(`inclusion/${folder}/happy-path.json`) as {
        leafIdx: number;
        treeSize: number;
        proof: string[];
      };
      expect(inclusionProof({ index: v.leafIdx, leaves: leaves.slice(0, v.treeSize) }).map(b64)).toEqual(
        v.proof,
      );
      const c = readJson(`consistency/${folder}/happy-path.json`) as {
        size1: number;
        size2: number;
        proof: string[];
      };
      expect(consistencyProof({ size1: c.size1, leaves: leaves.slice(0, c.size2) }).map(b64)).toEqual(
        c.proof,
      );
    }
  });
});

describe('proof generation errors', () => {
  const leaves = [leafHash(Uint8Array.of(1)), leafHash(Uint8Array.of(2))];
  it('throws NC_EVIDENCE_LOG_RANGE for indices and sizes outside the tree', () => {
    for (const call of [
      () => inclusionProof({ index: 2, leaves }),
      () => inclusionProof({ index: -1, leaves }),
      () => consistencyProof({ size1: 0, leaves }),
      () => consistencyProof({ size1: 3, leaves }),
    ]) {
      expect(call).toThrow(NanocodeError);
      expect(call).toThrow(expect.objectContaining({ code: 'NC_EVIDENCE_LOG_RANGE' }));
    }
    expect(consistencyProof({ size1: 2, leaves })).toEqual([]);
  });
});

function makeLeaves(count: number, seed: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    leafHash(Uint8Array.of(seed & 0xff, i >>> 24, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff)),
  );
}

function flipped(bytes: Uint8Array, position: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[position % copy.length]! ^= 1 << (position % 8);
  return copy;
}

describe('property: proofs of random trees', () => {
  const treeAndIndex = fc
    .record({ size: fc.integer({ min: 1, max: 200 }), seed: fc.nat(255) })
    .chain(({ size, seed }) =>
      fc.record({ size: fc.constant(size), seed: fc.constant(seed), index: fc.nat(size - 1) }),
    );

  it('every inclusion proof verifies, and any flipped bit of proof, root or leaf fails', () => {
    fc.assert(
      fc.property(treeAndIndex, fc.nat(), fc.nat(), ({ size, seed, index }, pick, bit) => {
        const leaves = makeLeaves(size, seed);
        const root = rootHash(leaves);
        const proof = inclusionProof({ index, leaves });
        const base = { index, size, leafHash: leaves[index]!, proof, root };
        expect(verifyInclusion(base)).toEqual({ ok: true });
        expect(verifyInclusion({ ...base, root: flipped(root, bit) }).ok).toBe(false);
        expect(verifyInclusion({ ...base, leafHash: flipped(leaves[index]!, bit) }).ok).toBe(false);
        if (proof.length > 0) {
          const at = pick % proof.length;
          const bad = proof.map((p, i) => (i === at ? flipped(p, bit) : p));
          expect(verifyInclusion({ ...base, proof: bad }).ok).toBe(false);
          expect(verifyInclusion({ ...base, proof: proof.slice(1) }).ok).toBe(false);
        }
        expect(verifyInclusion({ ...base, proof: [...proof, root] })).toEqual({
          ok: false,
          reason: 'proof is longer than the path from the leaf to the root',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every leaf of a tree has a verifying inclusion proof', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), (size) => {
        const leaves = makeLeaves(size, size);
        const root = rootHash(leaves);
        for (let index = 0; index < size; index++) {
          const proof = inclusionProof({ index, leaves });
          expect(verifyInclusion({ index, size, leafHash: leaves[index]!, proof, root }).ok).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('every consistency proof verifies, and any flipped bit of proof or roots fails', () => {
    const sizes = fc
      .integer({ min: 1, max: 200 })
      .chain((size2) => fc.record({ size2: fc.constant(size2), size1: fc.integer({ min: 1, max: size2 }) }));
    fc.assert(
      fc.property(sizes, fc.nat(255), fc.nat(), fc.nat(), ({ size1, size2 }, seed, pick, bit) => {
        const leaves = makeLeaves(size2, seed);
        const root1 = rootHash(leaves.slice(0, size1));
        const root2 = rootHash(leaves);
        const proof = consistencyProof({ size1, leaves });
        const base = { size1, size2, root1, root2, proof };
        expect(verifyConsistency(base)).toEqual({ ok: true });
        expect(verifyConsistency({ ...base, root1: flipped(root1, bit) }).ok).toBe(false);
        expect(verifyConsistency({ ...base, root2: flipped(root2, bit) }).ok).toBe(false);
        if (proof.length > 0) {
          const at = pick % proof.length;
          const bad = proof.map((p, i) => (i === at ? flipped(p, bit) : p));
          expect(verifyConsistency({ ...base, proof: bad }).ok).toBe(false);
          expect(verifyConsistency({ ...base, proof: proof.slice(0, -1) }).ok).toBe(false);
        }
        expect(verifyConsistency({ ...base, proof: [...proof, root2] })).toEqual({
          ok: false,
          reason: size1 === size2 ? 'equal sizes need an empty proof' : 'proof is longer than needed',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a tree that rewrote an old leaf is not consistent with its past', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.nat(), (size2, pick) => {
        const leaves = makeLeaves(size2, 7);
        const size1 = 1 + (pick % (size2 - 1));
        const root1 = rootHash(leaves.slice(0, size1));
        const rewritten = leaves.map((leaf, i) => (i === pick % size1 ? flipped(leaf, 0) : leaf));
        const proof = consistencyProof({ size1, leaves: rewritten });
        expect(verifyConsistency({ size1, size2, root1, root2: rootHash(rewritten), proof }).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('scale', () => {
  it('proves and verifies inside a 100k-leaf tree', () => {
    const leaves = makeLeaves(100_000, 3);
    const root = rootHash(leaves);
    const index = 77_777;
    const proof = inclusionProof({ index, leaves });
    expect(proof).toHaveLength(17);
    expect(verifyInclusion({ index, size: leaves.length, leafHash: leaves[index]!, proof, root }).ok).toBe(
      true,
    );
    const proof2 = consistencyProof({ size1: 65_537, leaves });
    const root1 = rootHash(leaves.slice(0, 65_537));
    expect(verifyConsistency({ size1: 65_537, size2: 100_000, root1, root2: root, proof: proof2 }).ok).toBe(
      true,
    );
  });
});
