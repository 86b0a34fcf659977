import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signEnvelope } from './dsse.js';
import { publicKeyId } from './ed25519-signer.js';
import {
  ensureKey,
  generateKey,
  listKeys,
  loadActiveSigner,
  rotateKey,
  TRUST_FILE_NAME,
} from './key-store.js';
import { readTrustFile, trustedKeys } from './trust-file.js';
import { verifyEnvelope } from './verify-envelope.js';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'nanocode-keys-')), 'keys');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

function at(iso: string): () => Date {
  return () => new Date(iso);
}

describe('file key store', () => {
  it('creates the key on first use only, with a 0600 private key and a 0700 directory', async () => {
    const first = await ensureKey({ dir, purpose: 'certificate', now: at('2026-01-01T00:00:00Z') });
    expect(first.created).toBe(true);
    const again = await ensureKey({ dir, purpose: 'certificate', now: at('2026-02-01T00:00:00Z') });
    expect(again).toMatchObject({ created: false, signer: { keyid: first.signer.keyid } });

    const keyid = first.signer.keyid;
    expect((await stat(join(dir, `${keyid}.key`))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const publicPem = await readFile(join(dir, `${keyid}.pub`), 'utf8');
    expect(publicKeyId(publicPem)).toBe(keyid);

    const trust = await readTrustFile({ path: join(dir, TRUST_FILE_NAME) });
    expect(trust.keys).toEqual([
      {
        keyid,
        purpose: 'certificate',
        algorithm: 'ed25519',
        public_key_pem: publicPem,
        not_before: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('keeps purposes apart', async () => {
    const certificate = await ensureKey({ dir, purpose: 'certificate' });
    const log = await ensureKey({ dir, purpose: 'log' });
    expect(log.created).toBe(true);
    expect(log.signer.keyid).not.toBe(certificate.signer.keyid);
    const trust = await readTrustFile({ path: join(dir, TRUST_FILE_NAME) });
    expect(trustedKeys({ trust, purpose: 'log' }).map((key) => key.keyid)).toEqual([log.signer.keyid]);
  });

  it('refuses a second active key and points to rotation', async () => {
    await generateKey({ dir, purpose: 'log' });
    await expect(generateKey({ dir, purpose: 'log' })).rejects.toMatchObject({
      code: 'NC_EVIDENCE_KEY_EXISTS',
      hint: 'rotate the key to replace it',
    });
    await expect(loadActiveSigner({ dir, purpose: 'certificate' })).rejects.toMatchObject({
      code: 'NC_EVIDENCE_KEY_MISSING',
    });
  });

  it('rotates: the old key stops at the rotation time, the new one starts there, both stay verifiable', async () => {
    const old = await ensureKey({ dir, purpose: 'certificate', now: at('2026-01-01T00:00:00Z') });
    const envelope = await signEnvelope({
      payloadType: 'application/x-test',
      payload: Buffer.from('x'),
      signers: [old.signer],
    });
    const rotated = await rotateKey({ dir, purpose: 'certificate', now: at('2026-03-01T00:00:00Z') });
    expect(rotated.retired).toMatchObject({ keyid: old.signer.keyid, not_after: '2026-03-01T00:00:00.000Z' });
    expect(rotated.active).toMatchObject({ not_before: '2026-03-01T00:00:00.000Z' });
    expect(rotated.active).not.toHaveProperty('not_after');

    const listed = await listKeys({ dir });
    expect(listed.map((key) => [key.keyid, key.active])).toEqual([
      [old.signer.keyid, false],
      [rotated.active.keyid, true],
    ]);
    expect((await loadActiveSigner({ dir, purpose: 'certificate' })).keyid).toBe(rotated.active.keyid);

    const keys = trustedKeys({
      trust: await readTrustFile({ path: join(dir, TRUST_FILE_NAME) }),
      purpose: 'certificate',
    });
    expect(verifyEnvelope({ envelope, keys, at: '2026-02-01T00:00:00Z' }).ok).toBe(true);
    expect(verifyEnvelope({ envelope, keys, at: '2026-03-01T00:00:00Z' })).toMatchObject({
      ok: false,
      signatures: [{ status: 'key_outside_validity' }],
    });
  });

  it('rotating an empty store just creates the first key', async () => {
    const rotated = await rotateKey({ dir, purpose: 'log' });
    expect(rotated.retired).toBeUndefined();
    expect((await listKeys({ dir })).map((key) => key.active)).toEqual([true]);
  });

  it('refuses a broken trust file and a private key that does not match its entry', async () => {
    const { signer } = await ensureKey({ dir, purpose: 'certificate' });
    const other = await rotateKey({ dir, purpose: 'log' });
    // Swap the private key files: each keyid now names the other key.
    const certificateKey = await readFile(join(dir, `${signer.keyid}.key`), 'utf8');
    await writeFile(
      join(dir, `${signer.keyid}.key`),
      await readFile(join(dir, `${other.active.keyid}.key`), 'utf8'),
    );
    await expect(loadActiveSigner({ dir, purpose: 'certificate' })).rejects.toMatchObject({
      code: 'NC_EVIDENCE_KEY_INVALID',
    });
    expect(certificateKey).toMatch(/PRIVATE KEY/);

    await writeFile(join(dir, TRUST_FILE_NAME), '{"spec":"nanocode.trust/v1","keys":[{"keyid":"x"}]}');
    await expect(listKeys({ dir })).rejects.toMatchObject({ code: 'NC_EVIDENCE_TRUST_FILE' });
    await writeFile(join(dir, TRUST_FILE_NAME), '{');
    await expect(ensureKey({ dir, purpose: 'log' })).rejects.toMatchObject({
      code: 'NC_EVIDENCE_TRUST_FILE',
    });
  });
});
