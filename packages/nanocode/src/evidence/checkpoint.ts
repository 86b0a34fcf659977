import { NanocodeError } from '../spec/errors.js';
import { MERKLE_HASH_SIZE } from './merkle.js';
import { verifyNote } from './note.js';
import { decodeBase64 } from './note-key.js';

/**
 * C2SP tlog-checkpoint note text (c2sp.org/tlog-checkpoint): origin line, decimal tree size, base64
 * root hash, then optional extension lines. Signing and the blank line before signatures belong to
 * the note layer (`note.ts`).
 */

/** The tree head a checkpoint commits to. */
export interface Checkpoint {
  /** Unique identity of the log that issued the checkpoint. */
  origin: string;
  /** Number of leaves in the tree. */
  size: number;
  /** RFC 6962 root hash of the tree of `size` leaves (32 bytes). */
  rootHash: Uint8Array;
  /** Opaque extension lines; the spec discourages them, since monitors cannot audit them. */
  extensions: string[];
}

/** Options for {@link formatCheckpoint}. */
export interface FormatCheckpointOptions {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Non-empty extension lines; pass `[]` for none. */
  extensions?: readonly string[];
}

/** The checkpoint note text, ending in a newline and ready for `signNote`. */
export function formatCheckpoint(options: FormatCheckpointOptions): string {
  const { origin, size, rootHash } = options;
  const extensions = options.extensions ?? [];
  const problem =
    lineProblem('origin', origin) ??
    (Number.isSafeInteger(size) && size >= 0
      ? undefined
      : `tree size ${size} is not a non-negative integer`) ??
    (rootHash instanceof Uint8Array && rootHash.length === MERKLE_HASH_SIZE
      ? undefined
      : `root hash must be ${MERKLE_HASH_SIZE} bytes`) ??
    extensions.map((line) => lineProblem('extension line', line)).find((p) => p !== undefined);
  if (problem !== undefined) throw new NanocodeError({ code: 'NC_EVIDENCE_NOTE_TEXT', message: problem });
  const lines = [origin, String(size), Buffer.from(rootHash).toString('base64'), ...extensions];
  return `${lines.join('\n')}\n`;
}

/** Parses checkpoint note text (the text of a verified note, not the signed note itself). */
export function parseCheckpoint(
  text: string,
): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  if (typeof text !== 'string' || !text.endsWith('\n'))
    return fail('checkpoint text must end with a newline');
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || origin === '') return fail('the origin line is empty');
  const badLine = [origin, ...extensions].map((line) => lineProblem('a checkpoint line', line)).find(Boolean);
  if (badLine !== undefined) return fail(badLine);
  if (sizeLine === undefined || !/^(0|[1-9][0-9]*)$/.test(sizeLine)) {
    return fail('the tree size must be decimal with no leading zeroes');
  }
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) return fail('the tree size is too large');
  const rootHash = rootLine === undefined ? undefined : decodeBase64(rootLine);
  if (rootHash === undefined || rootHash.length !== MERKLE_HASH_SIZE) {
    return fail(`the root hash must be base64 of ${MERKLE_HASH_SIZE} bytes`);
  }
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

/** Options for {@link openCheckpoint}. */
export interface OpenCheckpointOptions {
  /** The signed checkpoint note. */
  note: string;
  /** Trusted log verifier keys (see `formatVerifierKey`). */
  verifiers: readonly string[];
  /** The origin the caller expects; a checkpoint from any other log is rejected. */
  origin: string;
}

/** Verifies a signed checkpoint against trusted log keys and the expected origin, then parses it. */
export function openCheckpoint(
  options: OpenCheckpointOptions,
): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const verified = verifyNote({ note: options.note, verifiers: options.verifiers });
  if (!verified.ok) return verified;
  const parsed = parseCheckpoint(verified.text);
  if (!parsed.ok) return parsed;
  if (parsed.checkpoint.origin !== options.origin) {
    return fail(`checkpoint origin ${JSON.stringify(parsed.checkpoint.origin)} is not ${options.origin}`);
  }
  return parsed;
}

function lineProblem(what: string, line: string): string | undefined {
  if (typeof line !== 'string' || line === '') return `${what} must be non-empty`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected.
  if (/[\u0000-\u001f]/.test(line)) return `${what} must be one line without control characters`;
  return undefined;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
