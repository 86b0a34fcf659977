import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NanocodeError } from '../spec/errors.js';
import type { Signer } from '../spec/signer.js';
import { createEd25519Signer, generateEd25519KeyPair } from './ed25519-signer.js';
import {
  type KeyPurpose,
  readTrustFile,
  type TrustEntry,
  type TrustFile,
  writeTrustFile,
} from './trust-file.js';

/** The key directory the CLI uses unless configured otherwise, relative to the project root. */
export const DEFAULT_KEY_DIR = '.nanocode/keys';

/** The trust file's name inside a key directory. */
export const TRUST_FILE_NAME = 'trust.json';

/** Options of the key-store functions that create keys. */
export interface KeyStoreOptions {
  /** The key directory, e.g. {@link DEFAULT_KEY_DIR}. Created with mode 0700 if absent. */
  dir: string;
  purpose: KeyPurpose;
  /** The clock for validity windows. Defaults to the system clock. */
  now?: () => Date;
}

/** A key of the store, as listed by {@link listKeys}. */
export interface StoredKey extends TrustEntry {
  /** True for the key that signs now: the one of its purpose without `not_after`. */
  active: boolean;
}

/**
 * Generates the first key of a purpose: `<keyid>.key` (PKCS#8 PEM, mode 0600), `<keyid>.pub` (SPKI PEM) and
 * an entry in `trust.json` valid from now. Throws `NC_EVIDENCE_KEY_EXISTS` if the purpose has an active key.
 */
export async function generateKey(options: KeyStoreOptions): Promise<TrustEntry> {
  const trust = await loadTrust(options.dir);
  const active = activeEntry(trust, options.purpose);
  if (active !== undefined) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_EXISTS',
      message: `The ${options.purpose} key ${active.keyid} is active in ${options.dir}.`,
      hint: 'rotate the key to replace it',
    });
  }
  return addKey(options, trust, clock(options));
}

/**
 * Replaces the active key of a purpose with a new one. The old key stays in `trust.json` with `not_after` set
 * to the rotation time, so evidence it signed before then still verifies.
 */
export async function rotateKey(
  options: KeyStoreOptions,
): Promise<{ active: TrustEntry; retired?: TrustEntry }> {
  const trust = await loadTrust(options.dir);
  const now = clock(options);
  const retired = activeEntry(trust, options.purpose);
  if (retired !== undefined) retired.not_after = now;
  const active = await addKey(options, trust, now);
  return retired === undefined ? { active } : { active, retired };
}

/** Lists every key of the store, retired ones included, oldest first. */
export async function listKeys(options: { dir: string }): Promise<StoredKey[]> {
  const trust = await loadTrust(options.dir);
  return trust.keys.map((entry) => ({ ...entry, active: entry.not_after === undefined }));
}

/** Loads a signer for the active key of a purpose. Throws `NC_EVIDENCE_KEY_MISSING` if there is none. */
export async function loadActiveSigner(options: { dir: string; purpose: KeyPurpose }): Promise<Signer> {
  const active = activeEntry(await loadTrust(options.dir), options.purpose);
  if (active === undefined) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_MISSING',
      message: `${options.dir} has no active ${options.purpose} key.`,
      hint: 'generate one first',
    });
  }
  // The key file's identity joins the cache key, so a replaced file is read (and checked) again.
  const file = await stat(join(options.dir, `${active.keyid}.key`)).catch(() => undefined);
  const cacheKey = `${options.dir}\u0000${active.keyid}\u0000${file?.mtimeMs}\u0000${file?.size}\u0000${file?.ino}`;
  const cached = file ? signers.get(cacheKey) : undefined;
  if (cached) return cached;
  const privateKeyPem = await readFile(join(options.dir, `${active.keyid}.key`), 'utf8').catch(
    (error: unknown) => {
      throw new NanocodeError({
        code: 'NC_EVIDENCE_KEY_MISSING',
        message: `The private key file of ${options.purpose} key ${active.keyid} cannot be read.`,
        cause: error,
      });
    },
  );
  const signer = createEd25519Signer({ privateKeyPem });
  if (signer.keyid !== active.keyid) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_INVALID',
      message: `${active.keyid}.key holds the key ${signer.keyid}, not the one trust.json lists.`,
    });
  }
  if (signers.size >= SIGNERS_MAX) signers.clear();
  signers.set(cacheKey, signer);
  return signer;
}

/**
 * Signers already parsed, by key directory, keyid and key file identity. The trust file is still read on
 * every call, so a rotation (a new active keyid) takes effect at once; parsing the private key is saved.
 */
const signers = new Map<string, Signer>();
const SIGNERS_MAX = 32;

/**
 * The active signer of a purpose, generating the first key on first use. `created` tells the caller (the
 * CLI) to say that a key was made. Not safe against two processes creating the first key at once.
 */
export async function ensureKey(options: KeyStoreOptions): Promise<{ signer: Signer; created: boolean }> {
  const trust = await loadTrust(options.dir);
  const created = activeEntry(trust, options.purpose) === undefined;
  if (created) await addKey(options, trust, clock(options));
  return { signer: await loadActiveSigner(options), created };
}

async function addKey(options: KeyStoreOptions, trust: TrustFile, now: string): Promise<TrustEntry> {
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const pair = generateEd25519KeyPair();
  const keyPath = join(options.dir, `${pair.keyid}.key`);
  // `wx`: never overwrite a key file; chmod because a umask may not be the only influence on the mode.
  await writeFile(keyPath, pair.private_key_pem, { mode: 0o600, flag: 'wx' });
  await chmod(keyPath, 0o600);
  await writeFile(join(options.dir, `${pair.keyid}.pub`), pair.public_key_pem, { mode: 0o644, flag: 'wx' });
  const entry: TrustEntry = {
    keyid: pair.keyid,
    purpose: options.purpose,
    algorithm: 'ed25519',
    public_key_pem: pair.public_key_pem,
    not_before: now,
  };
  trust.keys.push(entry);
  await writeTrustFile({ path: join(options.dir, TRUST_FILE_NAME), trust });
  return entry;
}

async function loadTrust(dir: string): Promise<TrustFile> {
  try {
    return await readTrustFile({ path: join(dir, TRUST_FILE_NAME) });
  } catch (error) {
    // A store that does not exist yet is empty; a store that exists but is broken must not be papered over.
    const cause = (error as NanocodeError).cause as NodeJS.ErrnoException | undefined;
    if (cause?.code === 'ENOENT') return { spec: 'nanocode.trust/v1', keys: [] };
    throw error;
  }
}

function activeEntry(trust: TrustFile, purpose: KeyPurpose): TrustEntry | undefined {
  return trust.keys.find((entry) => entry.purpose === purpose && entry.not_after === undefined);
}

function clock(options: KeyStoreOptions): string {
  return (options.now ?? (() => new Date()))().toISOString();
}
