import type { RunPredicate } from '../spec/certificate.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import type { TrustedKey } from '../spec/signer.js';
import { canonicalJson } from './canonical-json.js';
import { runSubject } from './certificate.js';
import type { DsseEnvelope } from './dsse.js';
import type { InTotoStatement } from './in-toto-statement.js';
import { checkHeaderShape } from './predicate-event-schemas.js';
import { derivePredicate } from './predicate-from-events.js';
import { firstDifference } from './verify-certificate-diff.js';
import { type CertificateLogProof, checkLogInclusion } from './verify-certificate-log.js';
import {
  type CertFailureReason,
  type CertificateCheck,
  failed,
  passed,
  skipped,
  type VerifyReport,
} from './verify-certificate-report.js';
import { checkSignature, checkTypes, claimedSigningTime } from './verify-certificate-signature.js';
import { verifyChain } from './verify-chain.js';

export type { CertificateLogProof, CheckpointWithKeys } from './verify-certificate-log.js';
export {
  CERTIFICATE_CHECKS,
  type CertFailureReason,
  type CertificateCheck,
  type CertificateCheckName,
  type VerifyReport,
} from './verify-certificate-report.js';

/** Options for {@link verifyCertificate}. */
export interface VerifyCertificateOptions {
  /** The certificate bundle; typed loosely because it usually comes straight from untrusted JSON. */
  bundle: { envelope: DsseEnvelope; header: RunHeader; events: readonly RunEvent[] } | unknown;
  /** The pinned public keys (certificate purpose). */
  keys: readonly TrustedKey[];
  /** A transparency log inclusion proof to check too. */
  logProof?: CertificateLogProof;
  /** The signing time to hold against key validity windows; defaults to the `finished_at` the statement claims. */
  at?: string;
}

const CHAIN_REASONS: Record<string, CertFailureReason> = {
  seq_gap: 'chain_seq_gap',
  prev_mismatch: 'chain_prev_mismatch',
  hash_mismatch: 'chain_hash_mismatch',
  header_mismatch: 'header_mismatch',
  malformed: 'chain_malformed',
};

/**
 * Verifies a run certificate offline, with public keys only: the DSSE signature over the PAE and the
 * types; the event chain, rehashed, against the events count and head the certificate signs; the summary,
 * rebuilt from the events and compared field by field; the subject; and log inclusion when a proof is
 * attached. Never throws: any input, however malformed, gives a report whose first failed check names a
 * coded reason and, where an event is at fault, its seq.
 */
export function verifyCertificate(options: VerifyCertificateOptions): VerifyReport {
  try {
    return verify(options);
  } catch (error) {
    // Belt and braces: every check is total, but a verifier must never crash on hostile input.
    const message = `verification failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
    return report({ checks: [failed({ name: 'signature', reason: 'malformed', message })], keyids: [] });
  }
}

function verify(options: VerifyCertificateOptions): VerifyReport {
  const bundle = options.bundle as Record<string, unknown> | null;
  const envelope =
    isRecord(bundle) && isRecord(bundle.envelope) ? (bundle.envelope as unknown as DsseEnvelope) : undefined;
  if (envelope === undefined || !isRecord(bundle) || !Array.isArray(bundle.events)) {
    const message = 'the bundle is not {envelope, header, events}';
    return report({ checks: [failed({ name: 'signature', reason: 'malformed', message })], keyids: [] });
  }
  const header = bundle.header as RunHeader;
  const events = bundle.events as RunEvent[];

  const shapeProblem = envelopeShape(envelope);
  const signature = shapeProblem
    ? { check: failed({ name: 'signature', reason: 'malformed', message: shapeProblem }), keyids: [] }
    : checkSignature({ envelope, keys: options.keys, at: options.at ?? claimedSigningTime({ envelope }) });
  const types = shapeProblem
    ? { check: skipped({ name: 'types', message: shapeProblem }) }
    : checkTypes({ envelope });
  const statement = types.statement;
  const chain = checkChain({ header, events, predicate: statement?.predicate });

  const checks: CertificateCheck[] = [signature.check, types.check, chain];
  let rebuilt: RunPredicate | undefined;
  if (statement === undefined || !chain.ok) {
    checks.push(skipped({ name: 'summary', message: 'needs a well-typed statement and an intact chain' }));
  } else {
    const summary = checkSummary({ header, events, claimed: statement.predicate });
    checks.push(summary.check);
    rebuilt = summary.rebuilt;
  }
  checks.push(
    statement && rebuilt
      ? checkSubject({ statement, rebuilt })
      : skipped({ name: 'subject', message: 'needs the rebuilt summary' }),
  );
  checks.push(
    shapeProblem
      ? skipped({ name: 'log_inclusion', message: shapeProblem })
      : checkLogInclusion({ envelope, logProof: options.logProof }),
  );
  return report({ checks, keyids: signature.keyids });
}

function checkChain(options: {
  header: RunHeader;
  events: RunEvent[];
  predicate: RunPredicate | undefined;
}): CertificateCheck {
  const { header, events, predicate } = options;
  const name = 'chain';
  const headerProblem = checkHeaderShape(header);
  if (headerProblem) return failed({ name, reason: 'header_mismatch', message: headerProblem, seq: 0 });
  const chain = verifyChain({ header, events });
  if (!chain.ok) {
    return failed({
      name,
      reason: CHAIN_REASONS[chain.reason] ?? 'chain_malformed',
      message: chain.message,
      seq: chain.seq,
    });
  }
  const claimed = isRecord(predicate) && isRecord(predicate.events) ? predicate.events : undefined;
  if (claimed === undefined) return passed({ name, message: `${chain.count} events rehash and chain` });
  if (claimed.count !== chain.count) {
    const seq = typeof claimed.count === 'number' ? Math.min(claimed.count, chain.count) : chain.count;
    const message = `the certificate counts ${String(claimed.count)} events, the bundle has ${chain.count}`;
    return failed({ name, reason: 'events_count_mismatch', message, seq });
  }
  if (claimed.head !== chain.head) {
    const message = `the certificate signs head ${String(claimed.head)}, the events end at ${chain.head}`;
    return failed({ name, reason: 'events_head_mismatch', message, seq: Math.max(chain.count - 1, 0) });
  }
  return passed({ name, message: `${chain.count} events rehash and chain to the signed head` });
}

function checkSummary(options: { header: RunHeader; events: RunEvent[]; claimed: RunPredicate }): {
  check: CertificateCheck;
  rebuilt?: RunPredicate;
} {
  const name = 'summary';
  const derived = derivePredicate({ header: options.header, events: options.events });
  if (!derived.ok) {
    const { reason, seq, path, message } = derived.issue;
    return { check: failed({ name, reason, message, seq, path }) };
  }
  const rebuilt = derived.predicate;
  const difference = firstDifference({ expected: rebuilt, actual: options.claimed });
  if (difference === undefined)
    return { check: passed({ name, message: 'the summary is what the events rebuild to' }), rebuilt };
  const message = `predicate.${difference.path} is ${show(difference.actual)}; the events give ${show(difference.expected)}`;
  const seq = seqForPath({ path: difference.path, predicate: rebuilt });
  return {
    check: failed({ name, reason: 'summary_mismatch', message, seq, path: `predicate.${difference.path}` }),
  };
}

function checkSubject(options: {
  statement: InTotoStatement<RunPredicate>;
  rebuilt: RunPredicate;
}): CertificateCheck {
  const expected = runSubject({ predicate: options.rebuilt });
  const difference = firstDifference({ expected, actual: options.statement.subject });
  if (difference === undefined)
    return passed({ name: 'subject', message: 'the subject is the events head and released result' });
  const message = `subject.${difference.path} is ${show(difference.actual)}, expected ${show(difference.expected)}`;
  return failed({ name: 'subject', reason: 'subject_mismatch', message, path: `subject.${difference.path}` });
}

/** The event a predicate field comes from: its evidence, else run.started or run.completed. */
function seqForPath(options: { path: string; predicate: RunPredicate }): number {
  const { predicate } = options;
  const [top, index] = options.path.split('.');
  const last = predicate.events.count - 1;
  const at = Number(index);
  if (top === 'constraints') return predicate.constraints[at]?.evidence[0] ?? last;
  if (top === 'recovery') return predicate.recovery[at]?.seq ?? last;
  if (top === 'started_at' || top === 'inputs' || options.path.startsWith('budget.limits')) return 0;
  return last;
}

function report(options: { checks: CertificateCheck[]; keyids: string[] }): VerifyReport {
  const { checks, keyids } = options;
  const failure = checks.find((c) => !c.ok && !c.skipped);
  if (failure === undefined) return { ok: true, checks, message: 'the certificate verifies', keyids };
  return {
    ok: false,
    checks,
    ...(failure.reason === undefined ? {} : { reason: failure.reason }),
    ...(failure.seq === undefined ? {} : { seq: failure.seq }),
    ...(failure.path === undefined ? {} : { path: failure.path }),
    message: `${failure.name}: ${failure.message}`,
    keyids,
  };
}

function envelopeShape(envelope: DsseEnvelope): string | undefined {
  if (typeof envelope.payload !== 'string') return 'the envelope payload is not a string';
  if (typeof envelope.payloadType !== 'string') return 'the envelope payloadType is not a string';
  if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0)
    return 'the envelope has no signatures';
  return undefined;
}

function show(value: unknown): string {
  try {
    return value === undefined ? 'absent' : canonicalJson(value).slice(0, 120);
  } catch {
    return String(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
