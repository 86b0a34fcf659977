import { type KeyObject, sign, verify } from 'node:crypto';
import { NanocodeError } from '../spec/errors.js';
import {
  decodeBase64,
  ed25519PrivateKey,
  ed25519RawPublicKey,
  isValidKeyName,
  noteKeyId,
  parseVerifierKey,
} from './note-key.js';

/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519: text ending in a newline, a blank line, then
 * lines `— <key name> <base64(key ID || signature)>`. Checkpoints are notes with a fixed text layout.
 */

/** One signature line of a note. `keyId` is 4 bytes; `signature` the rest of the decoded base64. */
export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

/** A note split into its signed text and its (unverified) signature lines. */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** The most signature lines a note may carry; the spec asks verifiers to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';

/** Splits a signed note into text and signature lines, checking its syntax but no signature. */
export function parseNote(note: string): { ok: true; note: ParsedNote } | { ok: false; reason: string } {
  if (typeof note !== 'string') return { ok: false, reason: 'a note is a string' };
  const textProblem = checkNoteText(note);
  if (textProblem !== undefined) return { ok: false, reason: textProblem };
  // The text may contain blank lines; the last one separates it from the signatures.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'a note needs a blank line before its signatures' };
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return { ok: false, reason: 'too many signature lines' };
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const fields = line.startsWith(SIGNATURE_PREFIX) ? line.slice(SIGNATURE_PREFIX.length).split(' ') : [];
    const [name, encoded] = fields;
    if (fields.length !== 2 || !isValidKeyName(name) || encoded === undefined) {
      return { ok: false, reason: `malformed signature line ${JSON.stringify(line)}` };
    }
    const bytes = decodeBase64(encoded);
    if (bytes === undefined || bytes.length < 5) {
      return { ok: false, reason: `signature by ${name} is not base64 of a key ID and a signature` };
    }
    signatures.push({ name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
  }
  return { ok: true, note: { text: note.slice(0, split + 1), signatures } };
}

/** Options for {@link signNote}. */
export interface SignNoteOptions {
  /** The note text; it must end in a newline and contain no control character other than newline. */
  text: string;
  /** The key name written on the signature line. */
  name: string;
  /** An Ed25519 private key, as PKCS#8 PEM or a KeyObject. */
  privateKey: KeyObject | string;
}

/** Signs `text` with Ed25519 and returns the signed note (text, blank line, one signature line). */
export function signNote(options: SignNoteOptions): string {
  const { text, name } = options;
  if (!isValidKeyName(name)) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_NOTE_KEY',
      message: `invalid key name ${JSON.stringify(name)}`,
    });
  }
  const problem = typeof text === 'string' ? checkNoteText(text) : 'note text is a string';
  if (problem !== undefined) throw new NanocodeError({ code: 'NC_EVIDENCE_NOTE_TEXT', message: problem });
  const key = ed25519PrivateKey(options.privateKey);
  const keyId = noteKeyId({ name, publicKey: ed25519RawPublicKey(key) });
  const signature = sign(null, Buffer.from(text, 'utf8'), key);
  return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

/** Options for {@link verifyNote}. */
export interface VerifyNoteOptions {
  /** The signed note. */
  note: string;
  /** Trusted verifier key strings, `<name>+<hex key ID>+<base64(0x01 || public key)>`. */
  verifiers: readonly string[];
}

/** The outcome of {@link verifyNote}: the authenticated text and the names of the keys that signed it. */
export type NoteCheck = { ok: true; text: string; verifiedBy: string[] } | { ok: false; reason: string };

/**
 * Verifies a note against trusted keys. Signatures from unknown keys are ignored (they may be
 * witnesses or rotated keys); a bad signature from a known key rejects the whole note; at least one
 * known key must have signed.
 */
export function verifyNote(options: VerifyNoteOptions): NoteCheck {
  if (!Array.isArray(options.verifiers)) return { ok: false, reason: 'verifiers must be a list of keys' };
  const verifiers = [];
  for (const vkey of options.verifiers) {
    const parsed = parseVerifierKey(vkey);
    if (!parsed.ok) return parsed;
    verifiers.push(parsed.verifier);
  }
  const parsed = parseNote(options.note);
  if (!parsed.ok) return parsed;
  const message = Buffer.from(parsed.note.text, 'utf8');
  const verifiedBy: string[] = [];
  for (const signature of parsed.note.signatures) {
    const verifier = verifiers.find(
      (v) => v.name === signature.name && Buffer.from(v.keyId).equals(signature.keyId),
    );
    if (verifier === undefined) continue;
    if (!safeVerify(message, verifier.publicKey, signature.signature)) {
      return { ok: false, reason: `signature by ${signature.name} does not verify` };
    }
    verifiedBy.push(signature.name);
  }
  if (verifiedBy.length === 0) return { ok: false, reason: 'no signature from a trusted key' };
  return { ok: true, text: parsed.note.text, verifiedBy };
}

function safeVerify(message: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** Why `text` cannot be (part of) a note, or `undefined` when it can. */
function checkNoteText(text: string): string | undefined {
  if (!text.endsWith('\n')) return 'note text must end with a newline';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected.
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) return 'notes must not contain control characters';
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) return 'notes must be valid UTF-8';
  return undefined;
}
