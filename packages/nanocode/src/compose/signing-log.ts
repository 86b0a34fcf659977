import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureKey } from '../evidence/index.js';
import {
  createTransparencyLog,
  formatCheckpoint,
  rootHash,
  signNote,
  type TransparencyLog,
} from '../evidence/tlog-index.js';
import { NanocodeError } from '../spec/errors.js';
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
