import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint.js';
import { parseNote, signNote } from './note.js';
import { ed25519RawPublicKey, formatVerifierKey } from './note-key.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectorsDir = join(repoRoot, '../shared/vectors/c2sp-tlog');
const haveVectors = existsSync(vectorsDir);
if (!haveVectors) console.warn(`skipping C2SP checkpoint vector tests: ${vectorsDir} not found`);

const root = new Uint8Array(32).map((_, i) => i);

describe.skipIf(!haveVectors)('C2SP checkpoint examples', () => {
  for (const file of ['checkpoint-example.txt', 'checkpoint-cosigned-example.txt']) {
    it(`parses ${file} and formats it back byte for byte`, () => {
      // The derived cosigned file keeps the opening Markdown fence of the spec's example; drop it.
      const raw = readFileSync(join(vectorsDir, file), 'utf8').replace(/^```\n/, '');
      const note = parseNote(raw);
      if (!note.ok) throw new Error(note.reason);
      const parsed = parseCheckpoint(note.note.text);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.checkpoint.origin).toBe('example.com/behind-the-sofa');
      expect(parsed.checkpoint.size).toBe(20852163);
      expect(Buffer.from(parsed.checkpoint.rootHash).toString('base64')).toBe(
        'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
      );
      expect(parsed.checkpoint.extensions).toEqual([]);
      expect(formatCheckpoint(parsed.checkpoint)).toBe(note.note.text);
    });
  }
});

describe('formatCheckpoint / parseCheckpoint', () => {
  it('round-trips any valid checkpoint', () => {
    const line = fc.stringMatching(/^[a-zA-Z0-9/._:+ -]{1,30}$/);
    fc.assert(
      fc.property(
        line,
        fc.nat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, size, rootHash, extensions) => {
          const text = formatCheckpoint({ origin, size, rootHash, extensions });
          expect(text.split('\n')).toHaveLength(4 + extensions.length);
          expect(parseCheckpoint(text)).toEqual({
            ok: true,
            checkpoint: { origin, size, rootHash, extensions },
          });
        },
      ),
    );
  });

  it('writes the three mandatory lines', () => {
    expect(formatCheckpoint({ origin: 'log.example/t', size: 0, rootHash: root })).toBe(
      `log.example/t\n0\n${Buffer.from(root).toString('base64')}\n`,
    );
  });

  it('rejects malformed text as data', () => {
    const rootLine = Buffer.from(root).toString('base64');
    for (const text of [
      `o\n1\n${rootLine}`,
      `\n1\n${rootLine}\n`,
      `o\n01\n${rootLine}\n`,
      `o\n-1\n${rootLine}\n`,
      `o\n1e3\n${rootLine}\n`,
      `o\n99999999999999999999\n${rootLine}\n`,
      'o\n1\nAAAA\n',
      'o\n1\n',
      `o\n1\n${rootLine}\n\n`,
      `o\r\n1\n${rootLine}\n`,
    ]) {
      expect(parseCheckpoint(text).ok, JSON.stringify(text)).toBe(false);
    }
  });

  it('refuses to format invalid fields', () => {
    const bad = [
      { origin: '', size: 1, rootHash: root },
      { origin: 'a\nb', size: 1, rootHash: root },
      { origin: 'o', size: -1, rootHash: root },
      { origin: 'o', size: 1.5, rootHash: root },
      { origin: 'o', size: 1, rootHash: root.subarray(1) },
      { origin: 'o', size: 1, rootHash: root, extensions: [''] },
    ];
    for (const options of bad) {
      expect(() => formatCheckpoint(options)).toThrow(
        expect.objectContaining({ code: 'NC_EVIDENCE_NOTE_TEXT' }),
      );
    }
  });
});

describe('openCheckpoint', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const vkey = formatVerifierKey({ name: 'log.example', publicKey: ed25519RawPublicKey(privateKey) });
  const text = formatCheckpoint({ origin: 'log.example/t', size: 3, rootHash: root });
  const note = signNote({ text, name: 'log.example', privateKey });

  it('returns the checkpoint of a note signed by a trusted key for the expected origin', () => {
    expect(openCheckpoint({ note, verifiers: [vkey], origin: 'log.example/t' })).toEqual({
      ok: true,
      checkpoint: { origin: 'log.example/t', size: 3, rootHash: root, extensions: [] },
    });
  });

  it('rejects another origin, another key and an edited size', () => {
    expect(openCheckpoint({ note, verifiers: [vkey], origin: 'log.example/u' }).ok).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    const otherKey = formatVerifierKey({ name: 'log.example', publicKey: ed25519RawPublicKey(other) });
    expect(openCheckpoint({ note, verifiers: [otherKey], origin: 'log.example/t' }).ok).toBe(false);
    const edited = note.replace('\n3\n', '\n4\n');
    expect(openCheckpoint({ note: edited, verifiers: [vkey], origin: 'log.example/t' }).ok).toBe(false);
  });
});
