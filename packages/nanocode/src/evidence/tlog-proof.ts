import { NanocodeError } from '../spec/errors.js';
import { MERKLE_HASH_SIZE } from './merkle.js';
import type { ProofCheck } from './merkle-verify.js';
import { decodeBase64 } from './note-key.js';
import { verifyLogInclusion } from './tlog-verify.js';

/**
 * The C2SP portable inclusion proof (c2sp.org/tlog-proof@v1): header, optional `extra`, `index N`,
 * the proof hashes, a blank line, then the signed checkpoint verbatim. It travels with a certificate
 * so that log inclusion can be checked offline.
 */

/** The first line of every tlog proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** The parts of a tlog proof. */
export interface TlogProof {
  /** Unauthenticated application data; never trust it without checking it against the leaf. */
  extra?: Uint8Array;
  /** 0-based index of the entry in the log. */
  index: number;
  /** Inclusion proof hashes, leaf sibling first. */
  proof: Uint8Array[];
  /** The signed checkpoint note the proof is against. */
  checkpoint: string;
}

/** Writes a tlog proof. Throws `NC_EVIDENCE_NOTE_TEXT` for a bad index, hash or checkpoint. */
export function formatTlogProof(options: TlogProof): string {
  const { extra, index, proof, checkpoint } = options;
  if (!Number.isSafeInteger(index) || index < 0)
    throw textError(`index ${index} is not a non-negative integer`);
  if (!proof.every((hash) => hash.length === MERKLE_HASH_SIZE)) throw textError('proof hashes are 32 bytes');
  if (typeof checkpoint !== 'string' || !checkpoint.endsWith('\n'))
    throw textError('checkpoint must be a note');
  const lines = [
    TLOG_PROOF_HEADER,
    ...(extra === undefined ? [] : [`extra ${Buffer.from(extra).toString('base64')}`]),
    `index ${index}`,
    ...proof.map((hash) => Buffer.from(hash).toString('base64')),
  ];
  return `${lines.join('\n')}\n\n${checkpoint}`;
}

/** Parses a tlog proof; malformed text is reported, not thrown. Signatures are not checked here. */
export function parseTlogProof(text: string): { ok: true; proof: TlogProof } | { ok: false; reason: string } {
  if (typeof text !== 'string') return fail('a tlog proof is text');
  const split = text.indexOf('\n\n');
  if (split < 0) return fail('a tlog proof needs a blank line before its checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines.shift() !== TLOG_PROOF_HEADER) return fail(`the first line must be ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    extra = decodeBase64(lines.shift()!.slice('extra '.length));
    if (extra === undefined) return fail('the extra line is not base64');
  }
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(lines.shift() ?? '');
  const index = Number(indexMatch?.[1]);
  if (indexMatch === null || !Number.isSafeInteger(index)) return fail('expected `index N` with a decimal N');
  const proof: Uint8Array[] = [];
  for (const line of lines) {
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== MERKLE_HASH_SIZE)
      return fail('proof lines are base64 of 32 bytes');
    proof.push(hash);
  }
  const checkpoint = text.slice(split + 2);
  return { ok: true, proof: { ...(extra === undefined ? {} : { extra }), index, proof, checkpoint } };
}

/** Options for {@link verifyTlogProof}. */
export interface VerifyTlogProofOptions {
  /** The tlog proof text. */
  tlogProof: string;
  /** The certificate digest the proof should cover (the leaf data). */
  certificateDigest: Uint8Array;
  /** Trusted log verifier keys. */
  verifiers: readonly string[];
  /** The checkpoint origin to accept. */
  origin: string;
}

/** Parses a tlog proof, then checks its checkpoint signature and origin and the inclusion of the digest. */
export function verifyTlogProof(options: VerifyTlogProofOptions): ProofCheck {
  const parsed = parseTlogProof(options.tlogProof);
  if (!parsed.ok) return parsed;
  const { index, proof, checkpoint } = parsed.proof;
  const { certificateDigest, verifiers, origin } = options;
  return verifyLogInclusion({ checkpoint, verifiers, origin, certificateDigest, index, proof });
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function textError(message: string): NanocodeError {
  return new NanocodeError({ code: 'NC_EVIDENCE_NOTE_TEXT', message });
}
