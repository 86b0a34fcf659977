import { createHash } from 'node:crypto';
import {
  RUN_PREDICATE_TYPE,
  type RunPredicate,
  TEST_RESULT_PREDICATE_TYPE,
  type TestResultPredicate,
} from '../spec/certificate.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import type { Signer } from '../spec/signer.js';
import { canonicalJson } from './canonical-json.js';
import type { DsseEnvelope } from './dsse.js';
import {
  IN_TOTO_STATEMENT_TYPE,
  type InTotoStatement,
  type ResourceDescriptor,
  signStatement,
} from './in-toto-statement.js';
import { buildPredicate } from './predicate-from-events.js';
import { testResultPredicate } from './test-result.js';

/** A signed run certificate, with its statement in the clear for convenience (the envelope is the evidence). */
export interface Certificate {
  envelope: DsseEnvelope;
  statement: InTotoStatement<RunPredicate>;
  /** The in-toto Test Result view, a second Statement over the same subject, when asked for. */
  testResult?: { envelope: DsseEnvelope; statement: InTotoStatement<TestResultPredicate> };
}

/** What a verifier needs, offline, besides the public keys: the envelope, the run header and the events. */
export interface CertificateBundle {
  spec: 'nanocode.certificate-bundle/v1';
  envelope: DsseEnvelope;
  header: RunHeader;
  events: RunEvent[];
}

/** The parts of a run result a certificate is made from. */
export interface CertifiedRun {
  header: RunHeader;
  events: readonly RunEvent[];
}

/** Options for {@link createCertificate}. */
export interface CreateCertificateOptions {
  result: CertifiedRun;
  signer: Signer;
  /** Also sign the in-toto Test Result view. */
  testResultView?: boolean;
}

/**
 * Builds and signs a run's certificate: an in-toto Statement v1 whose predicate is rebuilt from the events,
 * in a DSSE envelope. Throws `NC_EVIDENCE_SUMMARY_INVALID` if the events cannot back a predicate.
 */
export async function createCertificate(options: CreateCertificateOptions): Promise<Certificate> {
  const predicate = buildPredicate(options.result);
  const subject = runSubject({ predicate });
  const statement: InTotoStatement<RunPredicate> = {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject,
    predicateType: RUN_PREDICATE_TYPE,
    predicate,
  };
  const signers = [options.signer];
  const envelope = await signStatement({ statement, signers });
  if (options.testResultView !== true) return { envelope, statement };
  const view: InTotoStatement<TestResultPredicate> = {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject,
    predicateType: TEST_RESULT_PREDICATE_TYPE,
    predicate: testResultPredicate({ predicate }),
  };
  return {
    envelope,
    statement,
    testResult: { envelope: await signStatement({ statement: view, signers }), statement: view },
  };
}

/**
 * The subject of a run certificate. in-toto needs at least one subject, and a stopped run released
 * nothing, so the event chain's head (which commits to the header and every event) is always the first
 * subject, `run/<run_id>/events`; the released result follows as `run/<run_id>/output`.
 */
export function runSubject(options: { predicate: RunPredicate }): ResourceDescriptor[] {
  const { predicate } = options;
  const subject: ResourceDescriptor[] = [
    { name: `run/${predicate.run_id}/events`, digest: { sha256: bareHex(predicate.events.head) } },
  ];
  const output = predicate.outputs.digest;
  if (output !== undefined)
    subject.push({ name: `run/${predicate.run_id}/output`, digest: { sha256: bareHex(output) } });
  return subject;
}

/** Options for {@link certificateBundle}. */
export interface CertificateBundleOptions {
  certificate: Pick<Certificate, 'envelope'>;
  result: CertifiedRun;
}

/** The self-contained, JSON-serialisable bundle a verifier checks offline. */
export function certificateBundle(options: CertificateBundleOptions): CertificateBundle {
  return {
    spec: 'nanocode.certificate-bundle/v1',
    envelope: options.certificate.envelope,
    header: options.result.header,
    events: [...options.result.events],
  };
}

/** The digest a transparency log records for a certificate: SHA-256 of the envelope's canonical JSON (32 bytes). */
export function certificateDigest(options: { envelope: DsseEnvelope }): Uint8Array {
  return new Uint8Array(createHash('sha256').update(canonicalJson(options.envelope)).digest());
}

function bareHex(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : digest;
}
