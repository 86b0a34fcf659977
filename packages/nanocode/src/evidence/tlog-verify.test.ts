import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTransparencyLog } from './tlog.js';
import { createMemoryLeafStore } from './tlog-leaf-store.js';
import { verifyLogConsistency, verifyLogInclusion } from './tlog-verify.js';

const digest = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(label).digest());

describe('offline log verification', async () => {
  const privateKeyPem = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const log = createTransparencyLog({
    origin: 'log.example',
    store: createMemoryLeafStore(),
    signer: { name: 'log.example', privateKeyPem },
  });
  for (let i = 0; i < 5; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
  const older = await log.checkpoint({ tenant: 't' });
  for (let i = 5; i < 8; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
  const newer = await log.checkpoint({ tenant: 't' });
  const origin = log.originFor({ tenant: 't' });
  const verifiers = [log.verifierKey];
  const { proof: inclusion } = await log.proveInclusion({ tenant: 't', index: 2 });
  const { proof: consistency } = await log.proveConsistency({ tenant: 't', size1: 5, size2: 8 });

  it('accepts honest proofs', () => {
    const ok = { ok: true };
    expect(
      verifyLogInclusion({
        checkpoint: newer,
        verifiers,
        origin,
        certificateDigest: digest('c2'),
        index: 2,
        proof: inclusion,
      }),
    ).toEqual(ok);
    expect(verifyLogConsistency({ older, newer, verifiers, origin, proof: consistency })).toEqual(ok);
  });

  it('reports which checkpoint failed, and never throws on junk', () => {
    expect(
      verifyLogConsistency({ older: 'junk', newer, verifiers, origin, proof: consistency }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^older checkpoint:/),
    });
    expect(
      verifyLogConsistency({ older, newer: 'junk', verifiers, origin, proof: consistency }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^newer checkpoint:/),
    });
    // Swapping the checkpoints asks for a shrinking log, which no proof can show.
    expect(
      verifyLogConsistency({ older: newer, newer: older, verifiers, origin, proof: consistency }).ok,
    ).toBe(false);
    const junk = 'x' as unknown as Uint8Array;
    expect(
      verifyLogInclusion({
        checkpoint: newer,
        verifiers,
        origin,
        certificateDigest: junk,
        index: 2,
        proof: inclusion,
      }).ok,
    ).toBe(false);
    expect(
      verifyLogInclusion({
        checkpoint: newer,
        verifiers: ['bad'],
        origin,
        certificateDigest: digest('c2'),
        index: 2,
        proof: inclusion,
      }).ok,
    ).toBe(false);
  });
});
