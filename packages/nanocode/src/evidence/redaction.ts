import { randomBytes, timingSafeEqual } from 'node:crypto';
import { digestJson, type Sha256Digest } from './digest.js';

/** Options for {@link commitValue}. */
export interface CommitValueOptions {
  /** Any plain JSON value: a prompt, an output, an input. */
  value: unknown;
  /** A secret, random, per-value salt (see {@link createSalts}); without it the digest could be guessed. */
  salt: string;
}

/**
 * A salted commitment to a value: `sha256:` of JCS(`{salt, value}`). An event can hold the commitment in
 * place of redacted text; whoever keeps the salt can later show the value was the one recorded, and
 * erasing the salt leaves the chain verifiable while the value can no longer be confirmed by guessing.
 * Throws `NC_EVIDENCE_NOT_JSON` for a value (or salt) that is not plain JSON.
 */
export function commitValue(options: CommitValueOptions): Sha256Digest {
  return digestJson({ salt: options.salt, value: options.value });
}

/** Options for {@link verifyCommitment}. */
export interface VerifyCommitmentOptions extends CommitValueOptions {
  commitment: string;
}

/** Whether `commitment` commits to `value` under `salt`. Never throws. */
export function verifyCommitment(options: VerifyCommitmentOptions): boolean {
  let expected: string;
  try {
    expected = commitValue({ value: options.value, salt: options.salt });
  } catch {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(String(options.commitment));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Options for {@link createSalts}. */
export interface CreateSaltsOptions {
  /** The names of the values to salt, e.g. `['prompt:answer:1', 'output:answer:1']`. */
  names: readonly string[];
  /** Source of randomness; the runner passes its effects so replays re-derive the same salts. */
  random: (bytes: number) => Uint8Array;
}

/** A fresh 256-bit salt per name, base64url encoded. */
export function createSalts(options: CreateSaltsOptions): Record<string, string> {
  const salts: Record<string, string> = {};
  for (const name of options.names) salts[name] = Buffer.from(options.random(32)).toString('base64url');
  return salts;
}

/** Cryptographic randomness from node:crypto, for {@link createSalts} outside a replayable run. */
export function cryptoRandom(bytes: number): Uint8Array {
  return new Uint8Array(randomBytes(bytes));
}
