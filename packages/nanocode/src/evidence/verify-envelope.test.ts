import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import { signEnvelope } from './dsse.js';
import { createEd25519Signer, generateEd25519KeyPair } from './ed25519-signer.js';
import { verifyEnvelope } from './verify-envelope.js';

// The public DSSE vector lives beside the repository root, in shared/vectors/dsse.
const vectorPath = fileURLToPath(
  new URL('../../../../../shared/vectors/dsse/dsse-test-vector.json', import.meta.url),
);
const haveVector = existsSync(vectorPath);
const skipNote = haveVector ? '' : ` (skipped: vector not found at ${vectorPath})`;

describe('verifyEnvelope: the DSSE specification vector (ECDSA P-256)', () => {
  const vector = haveVector ? JSON.parse(readFileSync(vectorPath, 'utf8')) : undefined;
  const key = () => ({ keyid: '66301bbf', public_key_pem: vector.key.publicKeyPem as string });

  it.skipIf(!haveVector)(`verifies the envelope with and without its keyid hint${skipNote}`, () => {
    for (const envelope of [vector.envelope, vector.envelopeWithKeyid]) {
      const result = verifyEnvelope({ envelope, keys: [key()], payloadType: vector.payloadType });
      expect(result.ok).toBe(true);
      expect(result.ok && Buffer.from(result.payload).toString('utf8')).toBe('hello world');
      expect(result.keyids).toEqual(['66301bbf']);
    }
  });

  it.skipIf(!haveVector)(`rejects the vector with a changed payload, type or keyid${skipNote}`, () => {
    const payload = { ...vector.envelope, payload: Buffer.from('hello world!').toString('base64') };
    expect(verifyEnvelope({ envelope: payload, keys: [key()] })).toMatchObject({
      ok: false,
      reason: 'threshold_not_met',
      signatures: [{ index: 0, status: 'bad_signature' }],
    });
    const type = { ...vector.envelope, payloadType: 'http://example.com/Other' };
    expect(verifyEnvelope({ envelope: type, keys: [key()] }).ok).toBe(false);
    const otherKeyid = { ...key(), keyid: 'ffffffff' };
    expect(verifyEnvelope({ envelope: vector.envelopeWithKeyid, keys: [otherKeyid] })).toMatchObject({
      ok: false,
      signatures: [{ status: 'unknown_key', hint: '66301bbf' }],
    });
  });
});

describe('signEnvelope and verifyEnvelope with Ed25519', () => {
  const first = generateEd25519KeyPair();
  const second = generateEd25519KeyPair();
  const trusted = (pair: typeof first, window: { not_before?: string; not_after?: string } = {}) => ({
    keyid: pair.keyid,
    public_key_pem: pair.public_key_pem,
    ...window,
  });
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const payloadType = 'application/vnd.in-toto+json';

  it('signs the PAE with every signer and verifies each distinct key', async () => {
    const signers = [first, second].map((pair) =>
      createEd25519Signer({ privateKeyPem: pair.private_key_pem }),
    );
    const envelope = await signEnvelope({ payloadType, payload, signers });
    expect(envelope.payload).toBe(payload.toString('base64'));
    expect(envelope.signatures.map((signature) => signature.keyid)).toEqual([first.keyid, second.keyid]);
    const result = verifyEnvelope({
      envelope,
      keys: [trusted(first), trusted(second)],
      threshold: 2,
      payloadType,
    });
    expect(result).toMatchObject({ ok: true, keyids: [first.keyid, second.keyid] });
    // A key counts once toward the threshold, however many times it signed.
    const twice = { ...envelope, signatures: [envelope.signatures[0]!, envelope.signatures[0]!] };
    expect(verifyEnvelope({ envelope: twice, keys: [trusted(first)], threshold: 2 })).toMatchObject({
      ok: false,
      reason: 'threshold_not_met',
    });
  });

  it('tries every trusted key when a signature has no keyid, and accepts URL-safe base64', async () => {
    const signer = createEd25519Signer({ privateKeyPem: first.private_key_pem });
    const envelope = await signEnvelope({
      payloadType,
      payload: Buffer.from([0xfb, 0xff, 0xfe]),
      signers: [signer],
    });
    const sig = envelope.signatures[0]!.sig.replaceAll('+', '-').replaceAll('/', '_');
    const bare = {
      ...envelope,
      payload: envelope.payload.replaceAll('+', '-').replaceAll('/', '_'),
      signatures: [{ sig }],
    };
    expect(bare.payload).toMatch(/[-_]/);
    expect(verifyEnvelope({ envelope: bare, keys: [trusted(second), trusted(first)] })).toMatchObject({
      ok: true,
      keyids: [first.keyid],
    });
  });

  it('checks the key validity window against the signing time it is given', async () => {
    const signer = createEd25519Signer({ privateKeyPem: first.private_key_pem });
    const envelope = await signEnvelope({ payloadType, payload, signers: [signer] });
    const key = trusted(first, { not_before: '2026-01-01T00:00:00Z', not_after: '2026-06-01T00:00:00Z' });
    expect(verifyEnvelope({ envelope, keys: [key], at: '2026-03-01T00:00:00Z' }).ok).toBe(true);
    for (const at of ['2025-12-31T23:59:59Z', '2026-06-01T00:00:00Z']) {
      expect(verifyEnvelope({ envelope, keys: [key], at })).toMatchObject({
        ok: false,
        signatures: [{ status: 'key_outside_validity', keyid: first.keyid }],
      });
    }
  });

  it('reports a wrong payload type, malformed envelopes and signatures as data', async () => {
    const signer = createEd25519Signer({ privateKeyPem: first.private_key_pem });
    const envelope = await signEnvelope({ payloadType, payload, signers: [signer] });
    const keys = [trusted(first)];
    expect(verifyEnvelope({ envelope, keys, payloadType: 'application/json' })).toMatchObject({
      ok: false,
      reason: 'payload_type_mismatch',
    });
    for (const broken of [
      { ...envelope, payload: 'not base64!' },
      { ...envelope, signatures: [] },
      { ...envelope, payloadType: 7 },
      { ...envelope, signatures: [{ keyid: 1, sig: 'AA==' }] },
    ]) {
      expect(verifyEnvelope({ envelope: broken as never, keys })).toMatchObject({
        ok: false,
        reason: 'malformed_envelope',
      });
    }
    const badSig = { ...envelope, signatures: [{ keyid: first.keyid, sig: '%%%' }] };
    expect(verifyEnvelope({ envelope: badSig, keys })).toMatchObject({
      signatures: [{ status: 'malformed_signature' }],
    });
    const shortSig = { ...envelope, signatures: [{ keyid: first.keyid, sig: 'AAAA' }] };
    expect(verifyEnvelope({ envelope: shortSig, keys })).toMatchObject({
      signatures: [{ status: 'bad_signature' }],
    });
  });

  it('refuses to sign without signers and to trust unsupported keys', async () => {
    await expect(signEnvelope({ payloadType, payload, signers: [] })).rejects.toMatchObject({
      code: 'NC_EVIDENCE_KEY_MISSING',
    });
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const envelope = { payload: '', payloadType, signatures: [{ sig: 'AA==' }] };
    expect(() =>
      verifyEnvelope({ envelope, keys: [{ keyid: 'r', public_key_pem: rsa.toString() }] }),
    ).toThrow(NanocodeError);
    expect(() => verifyEnvelope({ envelope, keys: [{ keyid: 'x', public_key_pem: 'nope' }] })).toThrow(
      /not a PEM/,
    );
  });
});
