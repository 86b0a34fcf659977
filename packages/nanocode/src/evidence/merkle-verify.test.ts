import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';

// The public RFC 6962 vectors (transparency-dev/merkle testdata) live beside the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectorsDir = join(repoRoot, '../shared/vectors/rfc6962-merkle');
const haveVectors = existsSync(vectorsDir);
if (!haveVectors) console.warn(`skipping RFC 6962 vector tests: ${vectorsDir} not found`);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function loadVectors<T>(kind: string): { file: string; vector: T }[] {
  const base = join(vectorsDir, kind);
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, vector: JSON.parse(readFileSync(join(base, file), 'utf8')) as T }));
}

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

describe.skipIf(!haveVectors)('RFC 6962 inclusion vectors', () => {
  const vectors = haveVectors ? loadVectors<InclusionVector>('inclusion') : [];

  it('covers every folder, numbered, additional and single-entry', () => {
    expect(vectors.length).toBe(98);
    expect(vectors.filter((v) => !v.vector.wantErr).length).toBe(6);
    expect(vectors.some((v) => v.file.startsWith('additional'))).toBe(true);
    expect(vectors.some((v) => v.file.startsWith('single-entry'))).toBe(true);
  });

  it.each(vectors.map((v) => [v.file, v.vector] as const))('%s', (_file, v) => {
    const result = verifyInclusion({
      index: v.leafIdx,
      size: v.treeSize,
      leafHash: b64(v.leafHash),
      proof: (v.proof ?? []).map(b64),
      root: b64(v.root),
    });
    expect(result.ok).toBe(!v.wantErr);
  });
});

describe.skipIf(!haveVectors)('RFC 6962 consistency vectors', () => {
  const vectors = haveVectors ? loadVectors<ConsistencyVector>('consistency') : [];

  it('covers every folder, numbered and additional', () => {
    expect(vectors.length).toBe(98);
    expect(vectors.filter((v) => !v.vector.wantErr).length).toBe(6);
    expect(vectors.some((v) => v.file.startsWith('additional'))).toBe(true);
  });

  it.each(vectors.map((v) => [v.file, v.vector] as const))('%s', (_file, v) => {
    const result = verifyConsistency({
      size1: v.size1,
      size2: v.size2,
      root1: b64(v.root1),
      root2: b64(v.root2),
      proof: (v.proof ?? []).map(b64),
    });
    expect(result.ok).toBe(!v.wantErr);
  });
});

describe('verification never throws on malformed input', () => {
  const h = new Uint8Array(32);
  it('rejects nonsense values as data', () => {
    const junk = [Number.NaN, -1, 1.5, 2 ** 60, '3' as unknown as number];
    for (const n of junk) {
      expect(verifyInclusion({ index: n, size: 4, leafHash: h, proof: [h, h], root: h }).ok).toBe(false);
      expect(verifyConsistency({ size1: 1, size2: n, root1: h, root2: h, proof: [h] }).ok).toBe(false);
    }
    const notBytes = 'abc' as unknown as Uint8Array;
    expect(verifyInclusion({ index: 0, size: 1, leafHash: notBytes, proof: [], root: h }).ok).toBe(false);
    expect(verifyConsistency({ size1: 1, size2: 2, root1: notBytes, root2: h, proof: [h] }).ok).toBe(false);
    const notList = null as unknown as Uint8Array[];
    expect(verifyInclusion({ index: 0, size: 2, leafHash: h, proof: notList, root: h }).ok).toBe(false);
    expect(verifyConsistency({ size1: 1, size2: 2, root1: h, root2: h, proof: notList }).ok).toBe(false);
  });
});
