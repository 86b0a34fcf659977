import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ensureKey,
  readTrustFile,
  TRUST_FILE_NAME,
  type TrustEntry,
  trustedKeys,
} from '../evidence/index.js';
import {
  createTransparencyLog,
  formatCheckpoint,
  formatVerifierKey,
  rootHash,
  signNote,
  type TransparencyLog,
} from '../evidence/tlog-index.js';
import type { KeyPurpose } from '../evidence/trust-file.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunStore } from '../spec/store.js';
import type { CliIo } from './cli-io.js';
import { displayPath } from './report-error.js';

/**
 * The identity of the CLI's transparency log. Each tenant's tree has origin `nanocode.local/log/<tenant>`;
 * it is also the name of the log's note key, so a verifier key string reads `nanocode.local/log+<id>+<key>`.
 */
export const LOG_ORIGIN = 'nanocode.local/log';

/** The checkpoint origin of a tenant's tree (the tenant percent-encoded, as the log writes it). */
export function logOriginFor(options: { tenant: string }): string {
  return `${LOG_ORIGIN}/${encodeURIComponent(options.tenant)}`;
}

/**
 * The log that signs checkpoints with the active `log` key of `keyDir`, over the store's leaves. The key is
 * generated on first use; `created` says so, so the caller can tell the user.
 */
export async function openSigningLog(options: {
  store: RunStore;
  keyDir: string;
}): Promise<{ log: TransparencyLog; created: boolean; keyid: string; privateKeyPem: string }> {
  const { signer, created } = await ensureKey({ dir: options.keyDir, purpose: 'log' });
  const privateKeyPem = await readFile(join(options.keyDir, `${signer.keyid}.key`), 'utf8');
  const log = createTransparencyLog({
    origin: LOG_ORIGIN,
    store: options.store.leaves,
    signer: { name: LOG_ORIGIN, privateKeyPem },
  });
  return { log, created, keyid: signer.keyid, privateKeyPem };
}

/** The C2SP verifier key string of a `log` key from a trust file. */
export function logVerifierKey(options: { entry: Pick<TrustEntry, 'public_key_pem'> }): string {
  const jwk = createPublicKey(options.entry.public_key_pem).export({ format: 'jwk' });
  const publicKey = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
  return formatVerifierKey({ name: LOG_ORIGIN, publicKey });
}

/**
 * The keys a verifier trusts from `<keyDir>/trust.json`: certificate keys, and every log key (retired ones
 * too, since old checkpoints were signed by them) as verifier key strings. Empty when there is no trust file.
 */
export async function readTrust(options: {
  keyDir: string;
}): Promise<{ certificate: ReturnType<typeof trustedKeys>; logVerifiers: string[]; found: boolean }> {
  let trust: Awaited<ReturnType<typeof readTrustFile>>;
  try {
    trust = await readTrustFile({ path: join(options.keyDir, TRUST_FILE_NAME) });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    if (cause?.code === 'ENOENT') return { certificate: [], logVerifiers: [], found: false };
    throw error;
  }
  return {
    certificate: trustedKeys({ trust, purpose: 'certificate' }),
    logVerifiers: trust.keys
      .filter((entry) => entry.purpose === 'log')
      .map((entry) => logVerifierKey({ entry })),
    found: true,
  };
}

/**
 * The signed checkpoint of a tenant's tree at `size`: the stored one, else one signed now from the stored
 * leaves (and stored). Throws `NC_EVIDENCE_LOG_RANGE` for a size beyond the tree.
 */
export async function checkpointAt(options: {
  store: RunStore;
  keyDir: string;
  tenant: string;
  size: number;
  io: CliIo;
}): Promise<string> {
  const { store, tenant, size } = options;
  const stored = await store.getCheckpoint({ tenant, size });
  if (stored !== undefined && stored.size === size) return stored.note;
  const current = await store.leaves.size({ tenant });
  if (!Number.isSafeInteger(size) || size < 0 || size > current) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_LOG_RANGE',
      message: `Tree size ${size} is outside 0..${current} for tenant ${tenant}.`,
    });
  }
  const signing = await openSigningLog({ store, keyDir: options.keyDir });
  if (signing.created)
    announceKey({ io: options.io, purpose: 'log', keyid: signing.keyid, dir: options.keyDir });
  const leaves = await store.leaves.get({ tenant, start: 0, end: size });
  const text = formatCheckpoint({ origin: logOriginFor({ tenant }), size, rootHash: rootHash(leaves) });
  const note = signNote({ text, name: LOG_ORIGIN, privateKey: signing.privateKeyPem });
  await store.putCheckpoint({ tenant, size, note });
  return note;
}

/** Tells the user on stderr that a key was generated because none was active (first use). */
export function announceKey(options: { io: CliIo; purpose: KeyPurpose; keyid: string; dir: string }): void {
  const { io } = options;
  const what = options.purpose === 'certificate' ? 'signing' : 'log';
  const where = displayPath({ file: options.dir, cwd: io.cwd });
  io.stderr.write(`created ${what} key ${options.keyid} in ${where} (first use)\n`);
}
