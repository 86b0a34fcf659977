import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';

/**
 * Ed25519 keys in the C2SP signed-note encoding: a 4-byte key ID and the verifier key string
 * `<name>+<hex key ID>+<base64(0x01 || public key)>` that auditors pin.
 */

/** The signed-note signature type byte for Ed25519. */
export const NOTE_ED25519_TYPE = 0x01;

/** A trusted note key: its name, 4-byte key ID and Ed25519 public key. */
export interface NoteVerifier {
  name: string;
  keyId: Uint8Array;
  publicKey: KeyObject;
}

/** True when `name` may name a note key or log: non-empty, with no Unicode space, `+` or control character. */
export function isValidKeyName(name: unknown): name is string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected.
  return typeof name === 'string' && name.length > 0 && !/[\s+\u0000-\u001f]/u.test(name);
}

/** Options naming a key and its raw 32-byte Ed25519 public key. */
export interface NoteKeyOptions {
  name: string;
  publicKey: Uint8Array;
}

/** `SHA-256(name || 0x0A || 0x01 || publicKey)[:4]`, the key ID that prefixes every signature. */
export function noteKeyId(options: NoteKeyOptions): Uint8Array {
  const digest = createHash('sha256')
    .update(options.name, 'utf8')
    .update(Uint8Array.of(0x0a, NOTE_ED25519_TYPE))
    .update(options.publicKey)
    .digest();
  return new Uint8Array(digest.subarray(0, 4));
}

/** The verifier key string `<name>+<hex key ID>+<base64(0x01 || publicKey)>`. */
export function formatVerifierKey(options: NoteKeyOptions): string {
  if (!isValidKeyName(options.name)) throw keyError(`invalid key name ${JSON.stringify(options.name)}`);
  if (options.publicKey.length !== 32) throw keyError('an Ed25519 public key is 32 bytes');
  const keyId = Buffer.from(noteKeyId(options)).toString('hex');
  const material = Buffer.concat([Uint8Array.of(NOTE_ED25519_TYPE), options.publicKey]).toString('base64');
  return `${options.name}+${keyId}+${material}`;
}

/** Parses a verifier key string; a malformed or non-Ed25519 key is reported, not thrown. */
export function parseVerifierKey(
  vkey: string,
): { ok: true; verifier: NoteVerifier } | { ok: false; reason: string } {
  // Name and key ID never contain `+`; the base64 key material may.
  const match = typeof vkey === 'string' ? /^([^+]*)\+([^+]*)\+(.*)$/s.exec(vkey) : null;
  const [, name, hexId, material] = match ?? [];
  if (name === undefined || hexId === undefined || material === undefined) {
    return { ok: false, reason: 'a verifier key has three `+`-separated parts' };
  }
  if (!isValidKeyName(name)) return { ok: false, reason: `invalid key name ${JSON.stringify(name)}` };
  if (!/^[0-9a-f]{8}$/.test(hexId))
    return { ok: false, reason: 'the key ID must be 8 lower-case hex digits' };
  const bytes = decodeBase64(material);
  if (bytes === undefined || bytes.length !== 33 || bytes[0] !== NOTE_ED25519_TYPE) {
    return { ok: false, reason: `key ${name} is not an Ed25519 note key` };
  }
  const raw = bytes.subarray(1);
  const keyId = noteKeyId({ name, publicKey: raw });
  if (Buffer.from(keyId).toString('hex') !== hexId) {
    return { ok: false, reason: `key ID ${hexId} does not match key ${name}` };
  }
  try {
    return { ok: true, verifier: { name, keyId, publicKey: ed25519PublicKeyFromRaw(raw) } };
  } catch {
    return { ok: false, reason: `key ${name} is not a valid Ed25519 public key` };
  }
}

/** Loads an Ed25519 private key from PKCS#8 PEM (or passes a KeyObject through), rejecting other types. */
export function ed25519PrivateKey(key: KeyObject | string): KeyObject {
  let object: KeyObject;
  try {
    object = typeof key === 'string' ? createPrivateKey(key) : key;
  } catch (cause) {
    throw keyError('the private key is not valid PEM', cause);
  }
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') {
    throw keyError('note signing needs an Ed25519 private key');
  }
  return object;
}

/** The raw 32-byte Ed25519 public key of a private or public KeyObject. */
export function ed25519RawPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

/** Strict standard base64 (RFC 4648 §4, padded, canonical); `undefined` when `text` is not. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Re-encoding rejects non-zero padding bits, so one byte string has exactly one accepted spelling.
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

function keyError(message: string, cause?: unknown): NanocodeError {
  return new NanocodeError({
    code: 'NC_EVIDENCE_NOTE_KEY',
    message,
    ...(cause === undefined ? {} : { cause }),
  });
}
