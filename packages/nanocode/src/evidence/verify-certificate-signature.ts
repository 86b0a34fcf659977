import { RUN_PREDICATE_TYPE, type RunPredicate } from '../spec/certificate.js';
import type { TrustedKey } from '../spec/signer.js';
import type { DsseEnvelope } from './dsse.js';
import {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  type InTotoStatement,
  parseStatement,
} from './in-toto-statement.js';
import { type CertificateCheck, failed, passed } from './verify-certificate-report.js';
import { type SignatureStatus, verifyEnvelope } from './verify-envelope.js';

/** The signature check, and the trusted keys that passed it. */
export interface SignatureResult {
  check: CertificateCheck;
  keyids: string[];
}

// When signatures fail for different reasons, the most telling one names the failure.
const STATUS_ORDER: Array<[SignatureStatus, CertificateCheck['reason']]> = [
  ['bad_signature', 'bad_signature'],
  ['key_outside_validity', 'key_outside_validity'],
  ['unknown_key', 'unknown_key'],
  ['malformed_signature', 'malformed'],
];

/** Checks the DSSE signatures over the PAE with the trusted keys; base64 must be canonical (see below). */
export function checkSignature(options: {
  envelope: DsseEnvelope;
  keys: readonly TrustedKey[];
  at: string | undefined;
}): SignatureResult {
  const { envelope } = options;
  const name = 'signature';
  if (!isCanonicalBase64(envelope.payload)) {
    return {
      check: failed({ name, reason: 'malformed', message: 'payload is not canonical base64' }),
      keyids: [],
    };
  }
  const badSig = envelope.signatures.findIndex((s) => !isCanonicalBase64(s?.sig));
  if (badSig !== -1) {
    const message = `signature ${badSig} is not canonical base64`;
    return { check: failed({ name, reason: 'malformed', message }), keyids: [] };
  }
  let verification: ReturnType<typeof verifyEnvelope>;
  try {
    verification = verifyEnvelope({
      envelope,
      keys: options.keys,
      ...(options.at === undefined ? {} : { at: options.at }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { check: failed({ name, reason: 'key_invalid', message }), keyids: [] };
  }
  if (verification.ok) {
    const message = `verified by ${verification.keyids.join(', ')}`;
    return { check: passed({ name, message }), keyids: verification.keyids };
  }
  if (verification.reason === 'malformed_envelope') {
    return { check: failed({ name, reason: 'malformed', message: verification.message }), keyids: [] };
  }
  const statuses = new Set(verification.signatures.map((s) => s.status));
  const [status, reason] = STATUS_ORDER.find(([s]) => statuses.has(s)) ?? ['bad_signature', 'bad_signature'];
  const message = `no trusted key verified the envelope (${status})`;
  return { check: failed({ name, reason: reason ?? 'bad_signature', message }), keyids: [] };
}

/** The types check, and the statement when it has the right types. */
export interface TypesResult {
  check: CertificateCheck;
  statement?: InTotoStatement<RunPredicate>;
}

/** Checks payloadType, the Statement v1 layer and the predicateType, on the decoded payload. */
export function checkTypes(options: { envelope: DsseEnvelope }): TypesResult {
  const { envelope } = options;
  const name = 'types';
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return {
      check: failed({ name, reason: 'payload_type', message: `payloadType is not ${IN_TOTO_PAYLOAD_TYPE}` }),
    };
  }
  const payload = new Uint8Array(Buffer.from(envelope.payload, 'base64'));
  const value = decodeJson(payload);
  if (!isRecord(value))
    return { check: failed({ name, reason: 'malformed', message: 'the payload is not a JSON object' }) };
  if (value._type !== IN_TOTO_STATEMENT_TYPE) {
    return {
      check: failed({ name, reason: 'statement_type', message: `_type is not ${IN_TOTO_STATEMENT_TYPE}` }),
    };
  }
  const parsed = parseStatement(payload);
  if (!parsed.ok) return { check: failed({ name, reason: 'malformed', message: parsed.message }) };
  if (parsed.statement.predicateType !== RUN_PREDICATE_TYPE) {
    return {
      check: failed({
        name,
        reason: 'predicate_type',
        message: `predicateType is not ${RUN_PREDICATE_TYPE}`,
      }),
    };
  }
  const statement = parsed.statement as InTotoStatement<RunPredicate>;
  return { check: passed({ name, message: `an in-toto Statement v1 of ${RUN_PREDICATE_TYPE}` }), statement };
}

/** The signing time a statement claims (its `finished_at`), read before the signature is trusted. */
export function claimedSigningTime(options: { envelope: DsseEnvelope }): string | undefined {
  const value = decodeJson(new Uint8Array(Buffer.from(options.envelope.payload, 'base64')));
  const predicate = isRecord(value) ? value.predicate : undefined;
  const at = isRecord(predicate) ? predicate.finished_at : undefined;
  // A time that does not parse is left out rather than failing every window: the summary check rejects it.
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : undefined;
}

// Nanocode writes standard, padded base64 and the certificate digest covers the envelope's exact text, so
// one spelling is accepted: a lenient decoder maps several spellings (URL-safe, unpadded, stray low bits)
// to the same bytes, and a re-spelled envelope must not pass as the certificate that was logged.
function isCanonicalBase64(text: unknown): boolean {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return false;
  return Buffer.from(text, 'base64').toString('base64') === text;
}

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
