/** The checks of {@link verifyCertificate}, in the order they run. */
export const CERTIFICATE_CHECKS = [
  'signature',
  'types',
  'chain',
  'summary',
  'subject',
  'log_inclusion',
] as const;
/** One check of a certificate. */
export type CertificateCheckName = (typeof CERTIFICATE_CHECKS)[number];

/** Why a certificate was rejected. Codes are API: add new ones, never rename or reuse one. */
export type CertFailureReason =
  /** The bundle, envelope or statement is not the right shape (including non-canonical base64). */
  | 'malformed'
  /** No trusted key verified the signature over the DSSE PAE. */
  | 'bad_signature'
  /** The signatures name keys that are not trusted. */
  | 'unknown_key'
  /** A trusted key verified it, but the signing time is outside that key's validity window. */
  | 'key_outside_validity'
  /** A trusted key given to the verifier is not a usable public key. */
  | 'key_invalid'
  /** The envelope's payloadType is not `application/vnd.in-toto+json`. */
  | 'payload_type'
  /** The payload is not an in-toto Statement v1. */
  | 'statement_type'
  /** The statement's predicateType is not the Nanocode run predicate. */
  | 'predicate_type'
  /** An event's hash is not the hash of its content. */
  | 'chain_hash_mismatch'
  /** An event's prev is not the hash of the event before it. */
  | 'chain_prev_mismatch'
  /** An event's seq is not its position (dropped, reordered or inserted events). */
  | 'chain_seq_gap'
  /** An entry is not an event, or not plain JSON. */
  | 'chain_malformed'
  /** The first event does not chain to the header given, or the header is not a run header. */
  | 'header_mismatch'
  /** There are more or fewer events than the certificate counts. */
  | 'events_count_mismatch'
  /** The chain's head is not the one the certificate signs. */
  | 'events_head_mismatch'
  /** The events are out of shape for a run (a missing run.completed, a field of the wrong type). */
  | 'malformed_events'
  /** The signed summary is not what the events rebuild to, or run.completed contradicts the events. */
  | 'summary_mismatch'
  /** The statement's subject is not the events head and released result. */
  | 'subject_mismatch'
  /** The attached log proof does not show the certificate in the log. */
  | 'log_inclusion_failed';

/** The outcome of one check. A check that cannot run (its inputs failed earlier) is `skipped`. */
export interface CertificateCheck {
  name: CertificateCheckName;
  ok: boolean;
  skipped?: true;
  reason?: CertFailureReason;
  /** The first bad event's seq, where an event is at fault. */
  seq?: number;
  /** A dotted path into the event or predicate at fault. */
  path?: string;
  message: string;
}

/** The result of {@link verifyCertificate}: every check, and the first failure's reason, seq and path. */
export interface VerifyReport {
  ok: boolean;
  checks: CertificateCheck[];
  reason?: CertFailureReason;
  seq?: number;
  path?: string;
  message: string;
  /** The trusted keys that verified the signature. */
  keyids: string[];
}

/** A failed check. */
export function failed(options: {
  name: CertificateCheckName;
  reason: CertFailureReason;
  message: string;
  seq?: number;
  path?: string;
}): CertificateCheck {
  const { name, reason, message, seq, path } = options;
  return {
    name,
    ok: false,
    reason,
    ...(seq === undefined ? {} : { seq }),
    ...(path === undefined ? {} : { path }),
    message,
  };
}

/** A passed check. */
export function passed(options: { name: CertificateCheckName; message: string }): CertificateCheck {
  return { name: options.name, ok: true, message: options.message };
}

/** A check that could not run. */
export function skipped(options: { name: CertificateCheckName; message: string }): CertificateCheck {
  return { name: options.name, ok: false, skipped: true, message: options.message };
}
