import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEd25519Signer, generateEd25519KeyPair, publicKeyId } from './ed25519-signer.js';

describe('Ed25519 keys and signer', () => {
  it('generates PEM keys whose keyid is the SHA-256 of the DER SubjectPublicKeyInfo', () => {
    const pair = generateEd25519KeyPair();
    expect(pair.private_key_pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.public_key_pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const der = createPublicKey(pair.public_key_pem).export({ type: 'spki', format: 'der' });
    expect(der).toHaveLength(44);
    expect(pair.keyid).toBe(createHash('sha256').update(der).digest('hex'));
    expect(publicKeyId(pair.public_key_pem)).toBe(pair.keyid);
    expect(generateEd25519KeyPair().keyid).not.toBe(pair.keyid);
  });

  it('signs bytes that node:crypto verifies with the public key, and nothing else', async () => {
    const pair = generateEd25519KeyPair();
    const signer = createEd25519Signer({ privateKeyPem: pair.private_key_pem });
    expect(signer).toMatchObject({ spec: 'nanocode.signer/v1', keyid: pair.keyid, algorithm: 'ed25519' });
    const data = Buffer.from('DSSEv1 1 t 1 x');
    const signature = await signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(verify(null, data, pair.public_key_pem, signature)).toBe(true);
    expect(verify(null, Buffer.from('DSSEv1 1 t 1 y'), pair.public_key_pem, signature)).toBe(false);
  });

  it('refuses keys that are not Ed25519 or not PEM', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const ecPem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createEd25519Signer({ privateKeyPem: ecPem })).toThrow(
      /Expected an Ed25519 private key, got ec/,
    );
    expect(() => createEd25519Signer({ privateKeyPem: 'garbage' })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_KEY_INVALID' }),
    );
    expect(() => publicKeyId(ec.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(
      /Ed25519/,
    );
  });
});
