import type { RunEvent, RunHeader } from '../spec/events.js';
import { headerDigest } from './header-digest.js';
import { eventHash } from './seal-event.js';

/** Why a chain failed to verify. */
export type ChainFailureReason =
  /** An event's `seq` is not its position (dropped, reordered, inserted or renumbered events). */
  | 'seq_gap'
  /** An event's `prev` is not the hash of the event before it. */
  | 'prev_mismatch'
  /** An event's `hash` is not SHA-256(JCS(event without hash)): its content was changed. */
  | 'hash_mismatch'
  /** The first event's `prev` is not the digest of the run header given. */
  | 'header_mismatch'
  /** An entry is not an event object, or holds values that are not plain JSON. */
  | 'malformed';

/** The result of {@link verifyChain}: failures are data, with the first bad seq. */
export type ChainVerification =
  | { ok: true; head: string; count: number }
  | { ok: false; reason: ChainFailureReason; seq: number; message: string };

/** Options for {@link verifyChain}. */
export interface VerifyChainOptions {
  header: RunHeader;
  events: readonly RunEvent[];
}

/**
 * Rehashes a run's event log and checks every `seq` and `prev` link, from the run header on. Stops at the
 * first bad event. A valid chain returns its `head` and `count`; a truncated log is still a valid chain, so
 * compare both with the certificate's `events {count, head}` to detect dropped trailing events.
 */
export function verifyChain(options: VerifyChainOptions): ChainVerification {
  let expectedPrev: string = headerDigest(options.header);
  for (const [seq, event] of options.events.entries()) {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return fail('malformed', seq, `entry ${seq} is not an event object`);
    }
    if (event.seq !== seq) {
      return fail('seq_gap', seq, `entry ${seq} has seq ${JSON.stringify(event.seq)}`);
    }
    if (event.prev !== expectedPrev) {
      return seq === 0
        ? fail('header_mismatch', seq, `event 0 chains to ${event.prev}, not to the header ${expectedPrev}`)
        : fail('prev_mismatch', seq, `event ${seq} has prev ${event.prev}, expected ${expectedPrev}`);
    }
    let actual: string;
    try {
      actual = eventHash(event);
    } catch (error) {
      return fail('malformed', seq, `event ${seq} cannot be canonicalized: ${(error as Error).message}`);
    }
    if (event.hash !== actual) {
      return fail(
        'hash_mismatch',
        seq,
        `event ${seq} has hash ${event.hash}, its content hashes to ${actual}`,
      );
    }
    expectedPrev = actual;
  }
  return { ok: true, head: expectedPrev, count: options.events.length };
}

function fail(reason: ChainFailureReason, seq: number, message: string): ChainVerification {
  return { ok: false, reason, seq, message };
}
