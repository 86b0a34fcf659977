import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from './checkpoint.js';
import { createTransparencyLog, type TransparencyLog } from './tlog.js';
import { createMemoryLeafStore, type LogLeafStore } from './tlog-leaf-store.js';
import { verifyLogConsistency, verifyLogInclusion } from './tlog-verify.js';

const ORIGIN = 'log.nanocode.test';

function newPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function digest(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

function newLog(store: LogLeafStore = createMemoryLeafStore()): TransparencyLog {
  return createTransparencyLog({ origin: ORIGIN, store, signer: { name: ORIGIN, privateKeyPem: newPem() } });
}

describe('createTransparencyLog', () => {
  it('appends per tenant and signs checkpoints that open with its verifier key', async () => {
    const log = newLog();
    expect(await log.append({ tenant: 'acme', certificateDigest: digest('a0') })).toMatchObject({ index: 0 });
    expect(await log.append({ tenant: 'acme', certificateDigest: digest('a1') })).toMatchObject({ index: 1 });
    expect(await log.append({ tenant: 'other co', certificateDigest: digest('o0') })).toMatchObject({
      index: 0,
    });
    expect(log.originFor({ tenant: 'other co' })).toBe(`${ORIGIN}/other%20co`);

    const note = await log.checkpoint({ tenant: 'acme' });
    expect(note.startsWith(`${ORIGIN}/acme\n2\n`)).toBe(true);
    expect(note).toContain(`\n\n\u2014 ${ORIGIN} `);
    const opened = openCheckpoint({ note, verifiers: [log.verifierKey], origin: `${ORIGIN}/acme` });
    expect(opened).toMatchObject({ ok: true, checkpoint: { size: 2 } });
    // A checkpoint for one tenant does not pass as another tenant's.
    expect(openCheckpoint({ note, verifiers: [log.verifierKey], origin: `${ORIGIN}/other%20co` }).ok).toBe(
      false,
    );
  });

  it('signs an empty tree as size 0 with the empty root', async () => {
    const log = newLog();
    const note = await log.checkpoint({ tenant: 'nobody' });
    expect(note.split('\n').slice(0, 3)).toEqual([
      `${ORIGIN}/nobody`,
      '0',
      '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    ]);
  });

  it('proves every appended certificate against the checkpoint, offline, and only that certificate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.nat(), async (count, pick) => {
        const log = newLog();
        for (let i = 0; i < count; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
        const checkpoint = await log.checkpoint({ tenant: 't' });
        const index = pick % count;
        const { proof, size } = await log.proveInclusion({ tenant: 't', index });
        expect(size).toBe(count);
        const base = {
          checkpoint,
          verifiers: [log.verifierKey],
          origin: log.originFor({ tenant: 't' }),
          certificateDigest: digest(`c${index}`),
          index,
          proof,
        };
        expect(verifyLogInclusion(base)).toEqual({ ok: true });
        expect(log.verifyInclusionProof({ tenant: 't', ...base })).toEqual({ ok: true });
        expect(verifyLogInclusion({ ...base, certificateDigest: digest('never appended') }).ok).toBe(false);
        expect(verifyLogInclusion({ ...base, index: (index + 1) % Math.max(count, 2) }).ok).toBe(false);
        expect(verifyLogInclusion({ ...base, verifiers: [newLog().verifierKey] }).ok).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('proves that every later checkpoint extends every earlier one', async () => {
    const log = newLog();
    const checkpoints: string[] = [];
    for (let i = 0; i < 40; i++) {
      await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
      checkpoints.push(await log.checkpoint({ tenant: 't' }));
    }
    const origin = log.originFor({ tenant: 't' });
    for (let size1 = 1; size1 <= 40; size1 += 3) {
      for (let size2 = size1; size2 <= 40; size2 += 5) {
        const { proof } = await log.proveConsistency({ tenant: 't', size1, size2 });
        const older = checkpoints[size1 - 1]!;
        const newer = checkpoints[size2 - 1]!;
        expect(verifyLogConsistency({ older, newer, verifiers: [log.verifierKey], origin, proof })).toEqual({
          ok: true,
        });
      }
    }
  });

  it('proves inclusion in an older tree size', async () => {
    const log = newLog();
    for (let i = 0; i < 10; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
    const six = await log.proveInclusion({ tenant: 't', index: 4, size: 6 });
    const ten = await log.proveInclusion({ tenant: 't', index: 4 });
    expect(six.size).toBe(6);
    expect(six.rootHash).not.toEqual(ten.rootHash);
    const { root1 } = await log.proveConsistency({ tenant: 't', size1: 6, size2: 10 });
    expect(six.rootHash).toEqual(root1);
  });

  it('detects a leaf rewritten in the store after a checkpoint', async () => {
    const store = createMemoryLeafStore();
    const log = newLog(store);
    for (let i = 0; i < 9; i++) await log.append({ tenant: 't', certificateDigest: digest(`c${i}`) });
    const before = await log.checkpoint({ tenant: 't' });
    const origin = log.originFor({ tenant: 't' });

    // An attacker with write access to storage swaps certificate 3 for another one.
    const tampered: LogLeafStore = {
      ...store,
      async get(range) {
        const leaves = await store.get(range);
        const forged = (await newLog().append({ tenant: 'x', certificateDigest: digest('forged') })).leafHash;
        return leaves.map((leaf, i) => (range.start + i === 3 ? forged : leaf));
      },
    };
    const forgedLog = createTransparencyLog({
      origin: ORIGIN,
      store: tampered,
      signer: { name: ORIGIN, privateKeyPem: newPem() },
    });
    await log.append({ tenant: 't', certificateDigest: digest('c9') });

    const { proof } = await forgedLog.proveInclusion({ tenant: 't', index: 3 });
    const inclusion = { checkpoint: before, verifiers: [log.verifierKey], origin, index: 3, proof };
    expect(verifyLogInclusion({ ...inclusion, certificateDigest: digest('forged') }).ok).toBe(false);
    expect(verifyLogInclusion({ ...inclusion, certificateDigest: digest('c3') }).ok).toBe(false);

    const after = await log.checkpoint({ tenant: 't' });
    const honest = await log.proveConsistency({ tenant: 't', size1: 9, size2: 10 });
    const verifiers = [log.verifierKey];
    expect(
      verifyLogConsistency({ older: before, newer: after, verifiers, origin, proof: honest.proof }).ok,
    ).toBe(true);
    const rewritten = await forgedLog.proveConsistency({ tenant: 't', size1: 9, size2: 10 });
    expect(
      verifyLogConsistency({ older: before, newer: after, verifiers, origin, proof: rewritten.proof }).ok,
    ).toBe(false);
    // The rewritten tree's own root cannot be made consistent with the earlier signed checkpoint either.
    expect(rewritten.root1).not.toEqual(honest.root1);
  });

  it('rejects bad configuration and out-of-range requests with stable codes', async () => {
    const store = createMemoryLeafStore();
    const pem = newPem();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() =>
      createTransparencyLog({ origin: 'has space', store, signer: { name: 'n', privateKeyPem: pem } }),
    ).toThrow(code('NC_EVIDENCE_LOG_INPUT'));
    expect(() =>
      createTransparencyLog({ origin: 'o', store, signer: { name: 'a+b', privateKeyPem: pem } }),
    ).toThrow(code('NC_EVIDENCE_NOTE_KEY'));
    expect(() =>
      createTransparencyLog({ origin: 'o', store, signer: { name: 'n', privateKeyPem: rsa.toString() } }),
    ).toThrow(code('NC_EVIDENCE_NOTE_KEY'));

    const log = newLog(store);
    await log.append({ tenant: 't', certificateDigest: digest('c0') });
    await expect(log.append({ tenant: '', certificateDigest: digest('x') })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_INPUT'),
    );
    await expect(log.append({ tenant: 't', certificateDigest: new Uint8Array(31) })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_INPUT'),
    );
    await expect(log.proveInclusion({ tenant: 't', index: 1 })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_RANGE'),
    );
    await expect(log.proveInclusion({ tenant: 't', index: 0, size: 2 })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_RANGE'),
    );
    await expect(log.proveConsistency({ tenant: 't', size1: 0, size2: 1 })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_RANGE'),
    );
    await expect(log.proveConsistency({ tenant: 't', size1: 1, size2: 2 })).rejects.toThrow(
      code('NC_EVIDENCE_LOG_RANGE'),
    );
  });
});
