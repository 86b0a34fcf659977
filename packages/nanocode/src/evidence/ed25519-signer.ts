import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';
import type { Signer } from '../spec/signer.js';

/** A freshly generated Ed25519 key pair, PEM encoded (PKCS#8 private key, SPKI public key). */
export interface Ed25519KeyPair {
  keyid: string;
  private_key_pem: string;
  public_key_pem: string;
}

/** Generates an Ed25519 key pair with node:crypto. */
export function generateEd25519KeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyid: keyIdOf(publicKey),
    private_key_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The key id of a public key: lower-case hex SHA-256 of its DER SubjectPublicKeyInfo, the same bytes
 * `openssl pkey -pubin -outform DER` prints, so anyone can recompute it.
 */
export function publicKeyId(publicKeyPem: string): string {
  return keyIdOf(parseKey(() => createPublicKey(publicKeyPem), 'public'));
}

/** Options for {@link createEd25519Signer}. */
export interface Ed25519SignerOptions {
  /** PKCS#8 PEM of an Ed25519 private key. */
  privateKeyPem: string;
}

/** A {@link Signer} over an in-memory Ed25519 private key. Throws `NC_EVIDENCE_KEY_INVALID` for other keys. */
export function createEd25519Signer(options: Ed25519SignerOptions): Signer {
  const privateKey = parseKey(() => createPrivateKey(options.privateKeyPem), 'private');
  const keyid = keyIdOf(createPublicKey(privateKey));
  return {
    spec: 'nanocode.signer/v1',
    keyid,
    algorithm: 'ed25519',
    // Ed25519 hashes internally, hence the `null` digest.
    sign: async (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function parseKey(parse: () => KeyObject, kind: 'public' | 'private'): KeyObject {
  let key: KeyObject;
  try {
    key = parse();
  } catch (error) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_INVALID',
      message: `Not a PEM ${kind} key.`,
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_INVALID',
      message: `Expected an Ed25519 ${kind} key, got ${key.asymmetricKeyType ?? 'an unknown key type'}.`,
    });
  }
  return key;
}
