import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureKey, TRUST_FILE_NAME } from '../evidence/index.js';
import { ed25519PrivateKey } from '../evidence/note-key.js';
import { createLogAppender } from '../evidence/tlog-appender.js';
import {
  createTransparencyLog,
  formatCheckpoint,
  rootHash,
  signNote,
  type TransparencyLog,
} from '../evidence/tlog-index.js';
import { NanocodeError } from '../spec/errors.js';
import type { Signer } from '../spec/signer.js';
import type { RunStore } from '../spec/store.js';

/**
 * The identity of the local transparency log. Each tenant's tree has origin `nanocode.local/log/<tenant>`;
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

/** The tree size a signed checkpoint note states (its second line). */
export function checkpointSize(note: string): number {
  return Number(note.split('\n')[1]);
}

/**
 * The signed checkpoint of a tenant's tree at `size`: the stored one, else one signed now from the stored
 * leaves (and stored). Throws `NC_EVIDENCE_LOG_RANGE` for a size beyond the tree. `onLogKeyCreated` is told
 * when the log key had to be generated (first use).
 */
export async function checkpointAt(options: {
  store: RunStore;
  keyDir: string;
  tenant: string;
  size: number;
  onLogKeyCreated?: (key: { keyid: string }) => void;
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
  if (signing.created) options.onLogKeyCreated?.({ keyid: signing.keyid });
  const leaves = await store.leaves.get({ tenant, start: 0, end: size });
  const text = formatCheckpoint({ origin: logOriginFor({ tenant }), size, rootHash: rootHash(leaves) });
  const note = signNote({ text, name: LOG_ORIGIN, privateKey: signing.privateKeyPem });
  await store.putCheckpoint({ tenant, size, note });
  return note;
}

/** The signing side of certifying runs, kept for the life of a process (one per store and key directory). */
export interface EvidenceSigning {
  /** The active certificate signer; `created` when this call generated the first key. */
  certificateSigner(): Promise<{ signer: Signer; created: boolean }>;
  /**
   * Appends a certificate digest to the tenant's transparency log and signs the checkpoint of the grown
   * tree: O(log n) hashes per append (a compact range per tenant), appends of one tenant serialised.
   */
  appendCertificate(options: { tenant: string; certificateDigest: Uint8Array }): Promise<{
    index: number;
    checkpoint: string;
    size: number;
    /** The log key that signed the checkpoint; `created` when this call generated it. */
    keyid: string;
    created: boolean;
  }>;
}

/**
 * The signing keys and transparency logs of a key directory over a store, for a process that certifies
 * many runs (the server, an eval). Keys are read and parsed once, and again only when the trust file
 * changes (a rotation), so a run costs one `stat`, not a trust-file read and a key parse. Each tenant's
 * tree is read from the store once, then kept as a compact range (see `createLogAppender`).
 */
export function createEvidenceSigning(options: { store: RunStore; keyDir: string }): EvidenceSigning {
  const { store, keyDir } = options;
  const appender = createLogAppender({ store: store.leaves });
  const trustStamp = async (): Promise<string> => {
    const info = await stat(join(keyDir, TRUST_FILE_NAME)).catch(() => undefined);
    return info === undefined ? 'missing' : `${info.mtimeMs}:${info.size}:${info.ino}`;
  };
  type Cached<T> = { stamp: string; value: T };
  let certificate: Cached<Signer> | undefined;
  let log: Cached<{ keyid: string; privateKey: KeyObject }> | undefined;
  // One key lookup at a time, so concurrent first uses do not both generate a key.
  let lookups: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = lookups.then(task, task);
    lookups = next.catch(() => undefined);
    return next;
  };

  const certificateSigner = () =>
    serial(async () => {
      const stamp = await trustStamp();
      if (certificate?.stamp === stamp) return { signer: certificate.value, created: false };
      const { signer, created } = await ensureKey({ dir: keyDir, purpose: 'certificate' });
      certificate = { stamp: await trustStamp(), value: signer };
      return { signer, created };
    });

  const logKey = () =>
    serial(async () => {
      const stamp = await trustStamp();
      if (log?.stamp === stamp) return { ...log.value, created: false };
      const { signer, created } = await ensureKey({ dir: keyDir, purpose: 'log' });
      const pem = await readFile(join(keyDir, `${signer.keyid}.key`), 'utf8');
      log = { stamp: await trustStamp(), value: { keyid: signer.keyid, privateKey: ed25519PrivateKey(pem) } };
      return { ...log.value, created };
    });

  return {
    certificateSigner,
    async appendCertificate({ tenant, certificateDigest }) {
      const key = await logKey();
      const origin = logOriginFor({ tenant });
      if (tenant === '') {
        throw new NanocodeError({
          code: 'NC_EVIDENCE_LOG_INPUT',
          message: 'tenant must be a non-empty string',
        });
      }
      const appended = await appender.append({
        tenant,
        certificateDigest,
        origin,
        signer: { name: LOG_ORIGIN, privateKey: key.privateKey },
      });
      return {
        index: appended.index,
        checkpoint: appended.checkpoint,
        size: appended.size,
        keyid: key.keyid,
        created: key.created,
      };
    },
  };
}
