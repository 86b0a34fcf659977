import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { NanocodeError } from '../spec/errors.js';
import type { TrustedKey } from '../spec/signer.js';

/** What a key signs. Certificate keys and log (checkpoint) keys are kept apart so neither stands in for the other. */
export type KeyPurpose = 'certificate' | 'log';

/** One key in a trust file. A key with no `not_after` is the active key of its purpose. */
export interface TrustEntry extends TrustedKey {
  purpose: KeyPurpose;
  algorithm: 'ed25519';
  not_before: string;
}

/** A pinned trust file (`trust.json`): the public keys a verifier accepts, with their validity windows. */
export interface TrustFile {
  spec: 'nanocode.trust/v1';
  keys: TrustEntry[];
}

const isoTime = z.iso.datetime({ offset: true });
const trustFileSchema = z.strictObject({
  spec: z.literal('nanocode.trust/v1'),
  keys: z.array(
    z.strictObject({
      keyid: z.string().regex(/^[0-9a-f]{64}$/),
      purpose: z.enum(['certificate', 'log']),
      algorithm: z.literal('ed25519'),
      public_key_pem: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
      not_before: isoTime,
      not_after: isoTime.optional(),
    }),
  ),
});

/** Options for {@link readTrustFile}. */
export interface ReadTrustFileOptions {
  path: string;
}

/** Reads and validates a trust file. Throws `NC_EVIDENCE_TRUST_FILE` when it is missing or malformed. */
export async function readTrustFile(options: ReadTrustFileOptions): Promise<TrustFile> {
  let text: string;
  try {
    text = await readFile(options.path, 'utf8');
  } catch (error) {
    throw trustError(`Cannot read the trust file ${options.path}.`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw trustError(`The trust file ${options.path} is not JSON.`, error);
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw trustError(
      `The trust file ${options.path} is invalid at /${issue?.path.join('/')}: ${issue?.message}`,
    );
  }
  return parsed.data as TrustFile;
}

/** Options for {@link writeTrustFile}. */
export interface WriteTrustFileOptions {
  path: string;
  trust: TrustFile;
}

/** Writes a trust file atomically (a temporary file renamed over it), so readers never see half of one. */
export async function writeTrustFile(options: WriteTrustFileOptions): Promise<void> {
  const temporary = `${options.path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(options.trust, null, 2)}\n`, { mode: 0o644 });
  await rename(temporary, options.path);
}

/** The keys of one purpose from a trust file, as {@link TrustedKey}s for `verifyEnvelope`. */
export function trustedKeys(options: { trust: TrustFile; purpose: KeyPurpose }): TrustedKey[] {
  return options.trust.keys
    .filter((entry) => entry.purpose === options.purpose)
    .map(({ keyid, public_key_pem, not_before, not_after }) => ({
      keyid,
      public_key_pem,
      not_before,
      ...(not_after === undefined ? {} : { not_after }),
    }));
}

function trustError(message: string, cause?: unknown): NanocodeError {
  return new NanocodeError({
    code: 'NC_EVIDENCE_TRUST_FILE',
    message,
    ...(cause === undefined ? {} : { cause }),
  });
}
