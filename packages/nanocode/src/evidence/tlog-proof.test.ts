import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTransparencyLog } from './tlog.js';
import { createMemoryLeafStore } from './tlog-leaf-store.js';
import { formatTlogProof, parseTlogProof, verifyTlogProof } from './tlog-proof.js';

const digest = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(label).digest());

async function provenLog() {
  const privateKeyPem = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const log = createTransparencyLog({
    origin: 'log.example',
    store: createMemoryLeafStore(),
    signer: { name: 'log.example', privateKeyPem },
  });
  for (let i = 0; i < 11; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
  const checkpoint = await log.checkpoint({ tenant: 't' });
  const { proof } = await log.proveInclusion({ tenant: 't', index: 6 });
  return { log, checkpoint, proof, origin: log.originFor({ tenant: 't' }) };
}

describe('tlog-proof', () => {
  it('formats the C2SP layout and parses it back', async () => {
    const { checkpoint, proof } = await provenLog();
    const text = formatTlogProof({ extra: Uint8Array.of(1, 2, 3), index: 6, proof, checkpoint });
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['c2sp.org/tlog-proof@v1', 'extra AQID', 'index 6']);
    expect(lines[3 + proof.length]).toBe('');
    expect(text.endsWith(checkpoint)).toBe(true);
    expect(parseTlogProof(text)).toEqual({
      ok: true,
      proof: { extra: Uint8Array.of(1, 2, 3), index: 6, proof, checkpoint },
    });
    expect(parseTlogProof(formatTlogProof({ index: 6, proof, checkpoint }))).toEqual({
      ok: true,
      proof: { index: 6, proof, checkpoint },
    });
  });

  it('verifies offline with the log key, and fails for another digest, origin or index', async () => {
    const { log, checkpoint, proof, origin } = await provenLog();
    const tlogProof = formatTlogProof({ index: 6, proof, checkpoint });
    const base = { tlogProof, certificateDigest: digest('c6'), verifiers: [log.verifierKey], origin };
    expect(verifyTlogProof(base)).toEqual({ ok: true });
    expect(verifyTlogProof({ ...base, certificateDigest: digest('c5') }).ok).toBe(false);
    expect(verifyTlogProof({ ...base, origin: 'log.example/u' }).ok).toBe(false);
    expect(verifyTlogProof({ ...base, tlogProof: tlogProof.replace('index 6', 'index 5') }).ok).toBe(false);
  });

  it('rejects malformed proofs as data', () => {
    const hash = Buffer.alloc(32).toString('base64');
    for (const text of [
      'c2sp.org/tlog-proof@v2\nindex 0\n\nx\n',
      'c2sp.org/tlog-proof@v1\nindex 01\n\nx\n',
      'c2sp.org/tlog-proof@v1\nindex 0',
      'c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\nx\n',
      `c2sp.org/tlog-proof@v1\nindex 0\n${hash.slice(4)}\n\nx\n`,
    ]) {
      expect(parseTlogProof(text).ok, text).toBe(false);
    }
  });
});
