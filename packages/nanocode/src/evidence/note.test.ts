import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNote, signNote, verifyNote } from './note.js';
import { ed25519RawPublicKey, formatVerifierKey, noteKeyId, parseVerifierKey } from './note-key.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectorsDir = join(repoRoot, '../shared/vectors/c2sp-tlog');
const haveVectors = existsSync(vectorsDir);
if (!haveVectors) console.warn(`skipping C2SP signed-note vector tests: ${vectorsDir} not found`);

interface SignedNoteExample {
  verifierKey: string;
  keyName: string;
  keyIdHex: string;
  publicKeyBase64: string;
  noteText: string;
  signedNote: string;
}

function newKey(name: string): { pem: string; vkey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { pem, vkey: formatVerifierKey({ name, publicKey: ed25519RawPublicKey(privateKey) }) };
}

/** Flips one bit of the Ed25519 signature (not the key ID) in a `— name base64` line. */
function flipSignatureByte(line: string): string {
  const [dash, name, encoded] = line.trimEnd().split(' ');
  const bytes = Buffer.from(encoded!, 'base64');
  bytes[10]! ^= 0x01;
  return `${dash} ${name} ${bytes.toString('base64')}\n`;
}

describe.skipIf(!haveVectors)('C2SP signed-note example', () => {
  const example = (
    haveVectors ? JSON.parse(readFileSync(join(vectorsDir, 'signed-note-example.json'), 'utf8')) : {}
  ) as SignedNoteExample;

  it('recomputes the key ID and the verifier key string', () => {
    const publicKey = new Uint8Array(Buffer.from(example.publicKeyBase64, 'base64'));
    expect(Buffer.from(noteKeyId({ name: example.keyName, publicKey })).toString('hex')).toBe(
      example.keyIdHex,
    );
    expect(formatVerifierKey({ name: example.keyName, publicKey })).toBe(example.verifierKey);
    expect(parseVerifierKey(example.verifierKey).ok).toBe(true);
  });

  it('verifies the example note and returns its text', () => {
    expect(verifyNote({ note: example.signedNote, verifiers: [example.verifierKey] })).toEqual({
      ok: true,
      text: example.noteText,
      verifiedBy: [example.keyName],
    });
  });

  it('rejects the example note once its text changes', () => {
    const forged = example.signedNote.replace('example message', 'exemplary message');
    expect(verifyNote({ note: forged, verifiers: [example.verifierKey] })).toMatchObject({ ok: false });
    const [text, line] = example.signedNote.split('\n\n');
    const badSignature = `${text}\n\n${flipSignatureByte(line!)}`;
    expect(verifyNote({ note: badSignature, verifiers: [example.verifierKey] })).toEqual({
      ok: false,
      reason: 'signature by example.com/foo does not verify',
    });
  });

  it('parses the spec checkpoints, including a witness cosignature it cannot verify', () => {
    const single = parseNote(readFileSync(join(vectorsDir, 'checkpoint-example.txt'), 'utf8'));
    const cosigned = parseNote(readFileSync(join(vectorsDir, 'checkpoint-cosigned-example.txt'), 'utf8'));
    if (!single.ok || !cosigned.ok) throw new Error('spec examples must parse');
    expect(single.note.text).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(single.note.signatures.map((s) => s.name)).toEqual(['example.com/behind-the-sofa']);
    expect(cosigned.note.signatures.map((s) => s.name)).toEqual([
      'example.com/behind-the-sofa',
      'witness.example.com/w1',
    ]);
    // Only the example.com/foo key is published; it signed neither, so neither verifies.
    const note = readFileSync(join(vectorsDir, 'checkpoint-example.txt'), 'utf8');
    expect(verifyNote({ note, verifiers: [example.verifierKey] })).toEqual({
      ok: false,
      reason: 'no signature from a trusted key',
    });
  });
});

describe('signNote / verifyNote round trip', () => {
  const log = newKey('log.example/nanocode');
  const witness = newKey('witness.example/w1');

  it('signs any valid text so that the right key verifies it', () => {
    const line = fc.stringMatching(/^[a-zA-Z0-9 /+=.:_-]{0,40}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const note = signNote({ text, name: 'log.example/nanocode', privateKey: log.pem });
        expect(verifyNote({ note, verifiers: [log.vkey] })).toEqual({
          ok: true,
          text,
          verifiedBy: ['log.example/nanocode'],
        });
        expect(verifyNote({ note, verifiers: [witness.vkey] }).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('accepts extra signatures from unknown keys and checks every known one', () => {
    const text = 'hello\n';
    const logNote = signNote({ text, name: 'log.example/nanocode', privateKey: log.pem });
    const witnessLine = signNote({ text, name: 'witness.example/w1', privateKey: witness.pem }).slice(
      text.length + 1,
    );
    const both = logNote + witnessLine;
    expect(verifyNote({ note: both, verifiers: [log.vkey] })).toMatchObject({ ok: true });
    expect(verifyNote({ note: both, verifiers: [log.vkey, witness.vkey] })).toMatchObject({
      ok: true,
      verifiedBy: ['log.example/nanocode', 'witness.example/w1'],
    });
    // A known key whose signature fails rejects the whole note, even when another known key verifies.
    const badWitness = logNote + flipSignatureByte(witnessLine);
    expect(verifyNote({ note: badWitness, verifiers: [log.vkey, witness.vkey] })).toEqual({
      ok: false,
      reason: 'signature by witness.example/w1 does not verify',
    });
    expect(verifyNote({ note: badWitness, verifiers: [log.vkey] })).toMatchObject({ ok: true });
  });

  it('ignores a signature whose name matches but whose key ID does not', () => {
    const impostor = newKey('log.example/nanocode');
    const note = signNote({ text: 'x\n', name: 'log.example/nanocode', privateKey: impostor.pem });
    expect(verifyNote({ note, verifiers: [log.vkey] })).toEqual({
      ok: false,
      reason: 'no signature from a trusted key',
    });
  });

  it('rejects malformed notes and verifier keys as data', () => {
    const note = signNote({ text: 'x\n', name: 'log.example/nanocode', privateKey: log.pem });
    const bad = [
      note.slice(0, -1),
      note.replace('\n\n', '\n'),
      note.replace('\u2014', '-'),
      note.replace('x\n', 'x\t\n'),
      `${note}\n`,
      note.replace('=\n', '\n'),
      'x\n\n',
    ];
    for (const text of bad) expect(verifyNote({ note: text, verifiers: [log.vkey] }).ok).toBe(false);
    for (const vkey of ['nope', log.vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'), `${log.vkey}+x`]) {
      expect(verifyNote({ note, verifiers: [vkey] }).ok).toBe(false);
    }
  });

  it('refuses to sign bad text, bad names or non-Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => signNote({ text: 'no newline', name: 'a', privateKey: log.pem })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_TEXT' }),
    );
    expect(() => signNote({ text: 'x\n', name: 'has space', privateKey: log.pem })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_KEY' }),
    );
    expect(() => signNote({ text: 'x\n', name: 'a+b', privateKey: log.pem })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_KEY' }),
    );
    expect(() => signNote({ text: 'x\n', name: 'a', privateKey: rsa })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_KEY' }),
    );
    expect(() => signNote({ text: 'x\n', name: 'a', privateKey: 'not pem' })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_KEY' }),
    );
  });
});
