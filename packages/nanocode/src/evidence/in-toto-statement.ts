import type { Signer } from '../spec/signer.js';
import { canonicalJson } from './canonical-json.js';
import { type DsseEnvelope, signEnvelope } from './dsse.js';

/** The DSSE payload type of in-toto attestations. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The `_type` of an in-toto Statement v1. */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

/** An in-toto ResourceDescriptor as used in `subject`: matched purely by digest. */
export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  /** Algorithm name to lower-case hex digest, e.g. `{ sha256: '…' }`. */
  digest: Record<string, string>;
  annotations?: Record<string, unknown>;
}

/** An in-toto Statement v1. */
export interface InTotoStatement<P = unknown> {
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: P;
}

/** Options for {@link signStatement}. */
export interface SignStatementOptions {
  statement: InTotoStatement;
  signers: readonly Signer[];
}

/**
 * Signs a Statement as a DSSE envelope. The payload is the statement's RFC 8785 canonical JSON, so the same
 * statement always yields the same payload bytes and digest.
 */
export function signStatement(options: SignStatementOptions): Promise<DsseEnvelope> {
  return signEnvelope({
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    payload: Buffer.from(canonicalJson(options.statement), 'utf8'),
    signers: options.signers,
  });
}

/** The result of {@link parseStatement}. */
export type StatementParse = { ok: true; statement: InTotoStatement } | { ok: false; message: string };

/**
 * Parses verified payload bytes as a Statement v1 and checks its layer-2 shape: `_type`, a non-empty
 * `subject` whose entries each have a digest, a `predicateType` and a `predicate` object. The predicate's
 * own schema is the caller's to check.
 */
export function parseStatement(payload: Uint8Array): StatementParse {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, message: 'the payload is not UTF-8 JSON' };
  }
  if (!isRecord(value)) return { ok: false, message: 'the statement is not an object' };
  if (value._type !== IN_TOTO_STATEMENT_TYPE)
    return { ok: false, message: `_type is not ${IN_TOTO_STATEMENT_TYPE}` };
  if (!Array.isArray(value.subject) || value.subject.length === 0)
    return { ok: false, message: 'subject is empty' };
  const badSubject = value.subject.findIndex((entry) => !hasDigest(entry));
  if (badSubject !== -1) return { ok: false, message: `subject ${badSubject} has no digest` };
  if (typeof value.predicateType !== 'string' || value.predicateType === '') {
    return { ok: false, message: 'predicateType is missing' };
  }
  if (!isRecord(value.predicate)) return { ok: false, message: 'predicate is not an object' };
  return { ok: true, statement: value as unknown as InTotoStatement };
}

function hasDigest(entry: unknown): boolean {
  if (!isRecord(entry) || !isRecord(entry.digest)) return false;
  const values = Object.values(entry.digest);
  return values.length > 0 && values.every((digest) => typeof digest === 'string' && digest !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
