import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotateKey } from '../evidence/key-store.js';
import { inclusionProof, leafHash, openCheckpoint, rootHash } from '../evidence/tlog-index.js';
import { verifyLogInclusion } from '../evidence/tlog-verify.js';
import { createMemoryStore } from '../store/index.js';
import { readTrust } from './read-trust.js';
import { createEvidenceSigning, logOriginFor } from './signing-log.js';

function digest(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

describe('createEvidenceSigning', () => {
  it('appends concurrently, gap-free per tenant, each checkpoint the signed root of the stored tree', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-signing-'));
    const store = createMemoryStore();
    const signing = createEvidenceSigning({ store, keyDir });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        signing.appendCertificate({ tenant: i % 3 === 0 ? 'b' : 'a', certificateDigest: digest(`c${i}`) }),
      ),
    );
    // The log key was made once, by the first append.
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const { logVerifiers } = await readTrust({ keyDir });
    for (const tenant of ['a', 'b']) {
      const mine = results
        .map((r, i) => ({ ...r, i }))
        .filter(({ i }) => (i % 3 === 0 ? 'b' : 'a') === tenant);
      expect(mine.map((r) => r.index).sort((x, y) => x - y)).toEqual(mine.map((_, k) => k));
      const leaves = await store.leaves.get({ tenant, start: 0, end: mine.length });
      for (const r of mine) {
        expect(r.size).toBe(r.index + 1);
        const opened = openCheckpoint({
          note: r.checkpoint,
          verifiers: logVerifiers,
          origin: logOriginFor({ tenant }),
        });
        expect(opened.ok).toBe(true);
        if (!opened.ok) continue;
        expect(opened.checkpoint.rootHash).toEqual(rootHash(leaves.slice(0, r.size)));
        expect(leaves[r.index]).toEqual(leafHash(digest(`c${r.i}`)));
        const proof = inclusionProof({ index: r.index, leaves: leaves.slice(0, r.size) });
        expect(
          verifyLogInclusion({
            checkpoint: r.checkpoint,
            verifiers: logVerifiers,
            origin: logOriginFor({ tenant }),
            certificateDigest: digest(`c${r.i}`),
            index: r.index,
            proof,
          }),
        ).toEqual({ ok: true });
      }
    }
  });

  it('folds in leaves another process appended, and starts from a tree already in the store', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-signing-'));
    const store = createMemoryStore();
    for (let i = 0; i < 37; i++)
      await store.leaves.append({ tenant: 't', leafHash: leafHash(digest(`old${i}`)) });
    const signing = createEvidenceSigning({ store, keyDir });
    const { logVerifiers } = await (async () => {
      await signing.appendCertificate({ tenant: 't', certificateDigest: digest('first') });
      return readTrust({ keyDir });
    })();
    // Another writer (a second server, the CLI) appends behind this process's back.
    for (let i = 0; i < 5; i++)
      await store.leaves.append({ tenant: 't', leafHash: leafHash(digest(`other${i}`)) });
    const next = await signing.appendCertificate({ tenant: 't', certificateDigest: digest('next') });
    expect(next.index).toBe(43);
    const leaves = await store.leaves.get({ tenant: 't', start: 0, end: 44 });
    const opened = openCheckpoint({
      note: next.checkpoint,
      verifiers: logVerifiers,
      origin: logOriginFor({ tenant: 't' }),
    });
    expect(opened.ok && opened.checkpoint).toMatchObject({ size: 44, rootHash: rootHash(leaves) });
  });

  it('uses a rotated log key from the next append on, without a restart', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'nanocode-signing-'));
    const store = createMemoryStore();
    const signing = createEvidenceSigning({ store, keyDir });
    const first = await signing.appendCertificate({ tenant: 't', certificateDigest: digest('1') });
    const certificate = await signing.certificateSigner();
    expect((await signing.certificateSigner()).signer.keyid).toBe(certificate.signer.keyid);
    const { active } = await rotateKey({ dir: keyDir, purpose: 'log' });
    const second = await signing.appendCertificate({ tenant: 't', certificateDigest: digest('2') });
    expect(second.keyid).toBe(active.keyid);
    expect(second.keyid).not.toBe(first.keyid);
    const { logVerifiers } = await readTrust({ keyDir });
    const origin = logOriginFor({ tenant: 't' });
    // Signed by the new key only: the old key's verifier alone does not open it.
    expect(openCheckpoint({ note: second.checkpoint, verifiers: logVerifiers, origin }).ok).toBe(true);
    expect(openCheckpoint({ note: second.checkpoint, verifiers: logVerifiers.slice(0, 1), origin }).ok).toBe(
      false,
    );
    await expect(
      signing.appendCertificate({ tenant: 't', certificateDigest: new Uint8Array(3) }),
    ).rejects.toThrow(expect.objectContaining({ code: 'NC_EVIDENCE_LOG_INPUT' }));
    expect(await store.leaves.size({ tenant: 't' })).toBe(2);
  });
});
