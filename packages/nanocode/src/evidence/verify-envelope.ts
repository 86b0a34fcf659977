import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';
import type { TrustedKey } from '../spec/signer.js';
import { type DsseEnvelope, pae } from './dsse.js';

/** What happened to one signature of an envelope. */
export type SignatureStatus =
  /** A trusted key, valid at `at`, verified it. */
  | 'verified'
  /** The signature names a keyid that no trusted key has. */
  | 'unknown_key'
  /** A candidate key verified it, but `at` is outside that key's validity window. */
  | 'key_outside_validity'
  /** No candidate key verified it. */
  | 'bad_signature'
  /** `sig` is not base64. */
  | 'malformed_signature';

/** The check of one signature, in envelope order. */
export interface SignatureCheck {
  index: number;
  /** The keyid hint the signature carried, if any. */
  hint?: string;
  status: SignatureStatus;
  /** The trusted key that verified it (for `verified` and `key_outside_validity`). */
  keyid?: string;
}

/** Why an envelope as a whole was rejected. */
export type EnvelopeFailureReason = 'malformed_envelope' | 'payload_type_mismatch' | 'threshold_not_met';

/** The result of {@link verifyEnvelope}. On success `payload` holds the exact bytes that were verified. */
export type EnvelopeVerification =
  | { ok: true; payloadType: string; payload: Uint8Array; keyids: string[]; signatures: SignatureCheck[] }
  | {
      ok: false;
      reason: EnvelopeFailureReason;
      message: string;
      keyids: string[];
      signatures: SignatureCheck[];
    };

/** Options for {@link verifyEnvelope}. */
export interface VerifyEnvelopeOptions {
  envelope: DsseEnvelope;
  /** The pinned trusted keys. Ed25519; ECDSA P-256 (raw r‖s signatures) is accepted for DSSE interop. */
  keys: readonly TrustedKey[];
  /** Reject unless the envelope has exactly this payload type. */
  payloadType?: string;
  /**
   * The signing time to hold against each key's validity window (ISO-8601), e.g. the time the signed
   * payload claims. Without it windows are not checked; an unparseable time fits no window.
   */
  at?: string;
  /** How many distinct trusted keys must verify. Default 1. */
  threshold?: number;
}

// Standard or URL-safe base64, which DSSE verifiers must both accept.
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

/**
 * Verifies a DSSE envelope against pinned keys, offline. Failures are data: each signature gets a status and
 * the envelope a reason. A keyid is only a hint that narrows the candidate keys; a hint that names no
 * trusted key gives `unknown_key`. Throws `NC_EVIDENCE_KEY_INVALID` only when a trusted key itself is unusable.
 */
export function verifyEnvelope(options: VerifyEnvelopeOptions): EnvelopeVerification {
  const { envelope } = options;
  const keys = options.keys.map((key) => ({ key, object: parsePublicKey(key) }));
  const malformed = describeMalformed(envelope);
  if (malformed !== undefined)
    return { ok: false, reason: 'malformed_envelope', message: malformed, keyids: [], signatures: [] };

  const payload = new Uint8Array(Buffer.from(envelope.payload, 'base64'));
  const bytes = pae(envelope.payloadType, payload);
  const accepted = new Set<string>();
  const signatures = envelope.signatures.map((signature, index): SignatureCheck => {
    const hint = signature.keyid === undefined || signature.keyid === '' ? undefined : signature.keyid;
    const base = { index, ...(hint === undefined ? {} : { hint }) };
    if (!BASE64.test(signature.sig)) return { ...base, status: 'malformed_signature' };
    const candidates = hint === undefined ? keys : keys.filter(({ key }) => key.keyid === hint);
    if (candidates.length === 0) return { ...base, status: 'unknown_key' };
    const sig = Buffer.from(signature.sig, 'base64');
    const match = candidates.find(({ object }) => verifies(object, bytes, sig));
    if (match === undefined) return { ...base, status: 'bad_signature' };
    if (options.at !== undefined && !withinWindow(match.key, options.at)) {
      return { ...base, status: 'key_outside_validity', keyid: match.key.keyid };
    }
    accepted.add(match.key.keyid);
    return { ...base, status: 'verified', keyid: match.key.keyid };
  });

  const keyids = [...accepted];
  const threshold = options.threshold ?? 1;
  if (keyids.length < threshold) {
    const message = `${keyids.length} of the required ${threshold} trusted keys verified the envelope.`;
    return { ok: false, reason: 'threshold_not_met', message, keyids, signatures };
  }
  if (options.payloadType !== undefined && envelope.payloadType !== options.payloadType) {
    const message = `payloadType is ${envelope.payloadType}, expected ${options.payloadType}.`;
    return { ok: false, reason: 'payload_type_mismatch', message, keyids, signatures };
  }
  return { ok: true, payloadType: envelope.payloadType, payload, keyids, signatures };
}

function describeMalformed(envelope: DsseEnvelope): string | undefined {
  if (typeof envelope !== 'object' || envelope === null) return 'the envelope is not an object';
  if (typeof envelope.payloadType !== 'string') return 'payloadType is not a string';
  if (typeof envelope.payload !== 'string' || !BASE64.test(envelope.payload)) return 'payload is not base64';
  if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0)
    return 'there are no signatures';
  const bad = envelope.signatures.findIndex(
    (s) =>
      typeof s !== 'object' ||
      s === null ||
      typeof s.sig !== 'string' ||
      !['string', 'undefined'].includes(typeof s.keyid),
  );
  return bad === -1 ? undefined : `signature ${bad} is not {keyid?, sig}`;
}

function verifies(key: KeyObject, data: Uint8Array, sig: Uint8Array): boolean {
  try {
    if (key.asymmetricKeyType === 'ed25519') return verify(null, data, key, sig);
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    // A signature of the wrong length for the key type is simply not a valid signature.
    return false;
  }
}

function withinWindow(key: TrustedKey, at: string): boolean {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return false;
  if (key.not_before !== undefined && time < Date.parse(key.not_before)) return false;
  return key.not_after === undefined || time < Date.parse(key.not_after);
}

/** Parsed trusted keys by PEM text: parsing costs more than verifying, and trust lists are small. */
const parsedKeys = new Map<string, KeyObject>();
const PARSED_KEYS_MAX = 256;

function parsePublicKey(key: TrustedKey): KeyObject {
  const cached = parsedKeys.get(key.public_key_pem);
  if (cached) return cached;
  const object = parseUncached(key);
  if (parsedKeys.size >= PARSED_KEYS_MAX) parsedKeys.clear();
  parsedKeys.set(key.public_key_pem, object);
  return object;
}

function parseUncached(key: TrustedKey): KeyObject {
  let object: KeyObject;
  try {
    object = createPublicKey(key.public_key_pem);
  } catch (error) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_INVALID',
      message: `Trusted key ${key.keyid} is not a PEM public key.`,
      cause: error,
    });
  }
  const p256 = object.asymmetricKeyType === 'ec' && object.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  if (object.asymmetricKeyType !== 'ed25519' && !p256) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_INVALID',
      message: `Trusted key ${key.keyid} is ${object.asymmetricKeyType}; only Ed25519 and ECDSA P-256 are supported.`,
    });
  }
  return object;
}
