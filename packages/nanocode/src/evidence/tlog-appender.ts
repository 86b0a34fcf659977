import type { KeyObject } from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';
import type { LogLeafStore } from '../spec/store.js';
import { formatCheckpoint } from './checkpoint.js';
import { leafHash } from './merkle.js';
import { type CompactRange, createCompactRange } from './merkle-compact-range.js';
import { signNote } from './note.js';

/** The key a {@link LogAppender} signs checkpoints with: the note key name and the Ed25519 private key. */
export interface CheckpointSigner {
  name: string;
  privateKey: KeyObject | string;
}

/** What one append did: the new leaf's index and hash, and the signed checkpoint of the grown tree. */
export interface LogAppend {
  index: number;
  leafHash: Uint8Array;
  /** The tree size the checkpoint states: `index + 1`. */
  size: number;
  rootHash: Uint8Array;
  /** The signed C2SP checkpoint note of the tree of `size` leaves. */
  checkpoint: string;
}

/** Appends certificate digests to per-tenant RFC 6962 trees and signs each grown tree's checkpoint. */
export interface LogAppender {
  append(options: {
    tenant: string;
    /** The 32-byte certificate digest (the leaf's input). */
    certificateDigest: Uint8Array;
    /** The checkpoint origin line of the tenant's tree. */
    origin: string;
    signer: CheckpointSigner;
  }): Promise<LogAppend>;
}

/**
 * A long-lived appender over a leaf store: for each tenant it keeps a compact range of the tree (read from
 * the stored leaves once, on the tenant's first append), so an append and its checkpoint cost O(log n)
 * hashes instead of rehashing every leaf. Appends of one tenant are serialised. Leaves another process
 * appended in between are read and folded in before the new one, so the checkpoint is always of the
 * stored tree.
 */
export function createLogAppender(options: { store: LogLeafStore }): LogAppender {
  const { store } = options;
  const tenants = new Map<string, { range: CompactRange | undefined; tail: Promise<unknown> }>();

  const rangeAt = async (tenant: string, range: CompactRange | undefined, size: number) => {
    // First use, or a store that went backwards (replaced under us): read the whole tree again.
    if (range === undefined || range.size > size) {
      return createCompactRange({ leaves: await store.get({ tenant, start: 0, end: size }) });
    }
    if (range.size < size) {
      for (const leaf of await store.get({ tenant, start: range.size, end: size })) range.append(leaf);
    }
    return range;
  };

  const appendNow = async (args: Parameters<LogAppender['append']>[0]): Promise<LogAppend> => {
    const { tenant, certificateDigest, origin, signer } = args;
    const state = tenants.get(tenant) as { range: CompactRange | undefined };
    const hash = leafHash(certificateDigest);
    // Read once per tenant and process, before the first append, so a failed read writes nothing.
    state.range ??= await rangeAt(tenant, undefined, await store.size({ tenant }));
    const index = await store.append({ tenant, leafHash: hash });
    // Another process may have appended since: fold its leaves in (a no-op when this one is alone).
    const range = await rangeAt(tenant, state.range, index);
    state.range = range;
    range.append(hash);
    const rootHash = range.root();
    const text = formatCheckpoint({ origin, size: range.size, rootHash });
    const checkpoint = signNote({ text, name: signer.name, privateKey: signer.privateKey });
    return { index, leafHash: hash, size: range.size, rootHash, checkpoint };
  };

  return {
    append(args) {
      if (!(args.certificateDigest instanceof Uint8Array) || args.certificateDigest.length !== 32) {
        return Promise.reject(
          new NanocodeError({ code: 'NC_EVIDENCE_LOG_INPUT', message: 'a certificate digest is 32 bytes' }),
        );
      }
      const state = tenants.get(args.tenant) ?? { range: undefined, tail: Promise.resolve() };
      tenants.set(args.tenant, state);
      const run = state.tail.then(
        () => appendNow(args),
        () => appendNow(args),
      );
      state.tail = run.catch(() => undefined);
      return run;
    },
  };
}
