import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunPredicate } from '../spec/certificate.js';
import { canonicalJson } from './canonical-json.js';
import type { CertificateBundle } from './certificate.js';
import { certificateDigest } from './certificate.js';
import {
  certifiedBundle,
  jsonCopy,
  reseal,
  resigned,
  statementOf,
  type TestKey,
  testKey,
} from './certificate-fixtures.test-util.js';
import { digestJson } from './digest.js';
import { signEnvelope } from './dsse.js';
import { createTransparencyLog } from './tlog.js';
import { createMemoryLeafStore } from './tlog-leaf-store.js';
import { formatTlogProof } from './tlog-proof.js';
import { verifyCertificate } from './verify-certificate.js';

let trusted: TestKey;
let other: TestKey;
let certified: CertificateBundle;
let stopped: CertificateBundle;
let softViolated: CertificateBundle;

beforeAll(async () => {
  trusted = testKey();
  other = testKey();
  certified = await certifiedBundle({ run: 'certified', key: trusted });
  stopped = await certifiedBundle({ run: 'stopped', key: trusted });
  softViolated = await certifiedBundle({ run: 'soft_violated', key: trusted });
});

const verify = (bundle: unknown, extra: Partial<Parameters<typeof verifyCertificate>[0]> = {}) =>
  verifyCertificate({ bundle, keys: [trusted.trusted], ...extra });

describe('verifyCertificate: signature and types', () => {
  it('never throws, whatever the bundle', () => {
    for (const bundle of [
      null,
      undefined,
      1,
      'x',
      [],
      {},
      { envelope: null },
      { envelope: {}, events: [] },
    ]) {
      expect(verify(bundle)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (envelope, header, events) => {
        const report = verify({ envelope, header, events });
        expect(report.ok).toBe(false);
        expect(report.reason).toBeTypeOf('string');
      }),
      { numRuns: 500 },
    );
    const half = { ...jsonCopy(certified), events: [null, 'x', { seq: 0 }] };
    expect(verify(half)).toMatchObject({ ok: false, reason: 'chain_malformed', seq: 0 });
  });

  it('rejects a certificate signed by a key that is not trusted', async () => {
    const foreign = await certifiedBundle({ run: 'certified', key: other });
    expect(verify(foreign)).toMatchObject({ ok: false, reason: 'unknown_key' });
    const unhinted = jsonCopy(foreign);
    delete unhinted.envelope.signatures[0]?.keyid;
    expect(verify(unhinted)).toMatchObject({ ok: false, reason: 'bad_signature' });
    // With the other key trusted too, it verifies: nothing else was wrong.
    expect(verify(foreign, { keys: [trusted.trusted, other.trusted] }).ok).toBe(true);
  });

  it('holds the signing time against the key validity window', () => {
    const finished = statementOf(certified).predicate.finished_at;
    const retired = { ...trusted.trusted, not_after: '2000-01-01T00:00:00Z' };
    expect(verify(certified, { keys: [retired] })).toMatchObject({
      ok: false,
      reason: 'key_outside_validity',
    });
    expect(verify(certified, { keys: [retired], at: '1999-12-31T00:00:00Z' }).ok).toBe(true);
    expect(verify(certified, { keys: [{ ...trusted.trusted, not_before: finished }] }).ok).toBe(true);
  });

  it('reports an unusable trusted key instead of throwing', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(
      verify(certified, { keys: [{ keyid: trusted.pair.keyid, public_key_pem: rsa.toString() }] }),
    ).toMatchObject({
      ok: false,
      reason: 'key_invalid',
    });
  });

  it('checks payloadType, statement _type and predicateType, even when correctly signed', async () => {
    const statement = statementOf(certified);
    const payload = Buffer.from(canonicalJson(statement));
    const asJson = await signEnvelope({
      payloadType: 'application/json',
      payload,
      signers: [trusted.signer],
    });
    expect(verify({ ...certified, envelope: asJson })).toMatchObject({ ok: false, reason: 'payload_type' });
    const v02 = await resigned({
      bundle: certified,
      statement: { ...statement, _type: 'https://in-toto.io/Statement/v0.1' as never },
      key: trusted,
    });
    expect(verify(v02)).toMatchObject({ ok: false, reason: 'statement_type' });
    const other = await resigned({
      bundle: certified,
      statement: { ...statement, predicateType: 'https://slsa.dev/provenance/v1' },
      key: trusted,
    });
    expect(verify(other)).toMatchObject({ ok: false, reason: 'predicate_type' });
    const noSubject = await resigned({
      bundle: certified,
      statement: { ...statement, subject: [] },
      key: trusted,
    });
    expect(verify(noSubject)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('rejects non-canonical base64 that decodes to the same bytes', () => {
    const bundle = jsonCopy(certified);
    const sig = bundle.envelope.signatures[0]!.sig;
    // 64 bytes leave 4 unused bits in the last character before `==`.
    const last = sig.at(-3)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    bundle.envelope.signatures[0]!.sig = `${sig.slice(0, -3)}${twin}==`;
    expect(Buffer.from(bundle.envelope.signatures[0]!.sig, 'base64')).toEqual(Buffer.from(sig, 'base64'));
    expect(verify(bundle)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('verifyCertificate: chain, summary and subject', () => {
  it('names dropped, reordered and inserted events by the first bad seq', () => {
    const n = certified.events.length;
    const dropLast = { ...certified, events: certified.events.slice(0, -1) };
    expect(verify(dropLast)).toMatchObject({ ok: false, reason: 'events_count_mismatch', seq: n - 1 });
    const dropThird = { ...certified, events: certified.events.filter((_, i) => i !== 3) };
    expect(verify(dropThird)).toMatchObject({ ok: false, reason: 'chain_seq_gap', seq: 3 });
    const swapped = jsonCopy(certified);
    [swapped.events[4], swapped.events[5]] = [swapped.events[5]!, swapped.events[4]!];
    expect(verify(swapped)).toMatchObject({ ok: false, reason: 'chain_seq_gap', seq: 4 });
    const edited = jsonCopy(certified);
    (edited.events[2] as { ts: string }).ts = '2000-01-01T00:00:00.000Z';
    expect(verify(edited)).toMatchObject({ ok: false, reason: 'chain_hash_mismatch', seq: 2 });
    const otherHeader = { ...jsonCopy(certified), header: { ...certified.header, tenant: 'someone-else' } };
    expect(verify(otherHeader)).toMatchObject({ ok: false, reason: 'header_mismatch', seq: 0 });
    const notAHeader = { ...jsonCopy(certified), header: { spec: 'x' } };
    expect(verify(notAHeader)).toMatchObject({ ok: false, reason: 'header_mismatch', seq: 0 });
  });

  it('rejects a re-sealed chain under the original signature (the signed head no longer matches)', () => {
    const events = jsonCopy(certified.events);
    (events[4] as { data: { latency_ms: number } }).data.latency_ms = 99_999;
    const report = verify({ ...certified, events: reseal({ header: certified.header, events }) });
    expect(report).toMatchObject({ ok: false, reason: 'events_head_mismatch', seq: events.length - 1 });
  });

  it('rejects a forged run.completed, re-sealed and re-signed by a trusted key, because the events contradict it', async () => {
    for (const [bundle, claim] of [
      [stopped, { status: 'enforced', outcome: 'certified' }],
      [softViolated, { status: 'enforced', outcome: 'certified' }],
    ] as const) {
      const events = jsonCopy(bundle.events);
      const completed = events.at(-1) as {
        data: { outcome: string; constraints: Array<{ status: string }> };
      };
      completed.data.outcome = claim.outcome;
      completed.data.constraints[0]!.status = claim.status;
      if (bundle === stopped) (completed.data as { output_digest?: string }).output_digest = 'sha256:00';
      const sealed = reseal({ header: bundle.header, events });
      const statement = statementOf(bundle);
      const predicate: RunPredicate = {
        ...statement.predicate,
        outcome: claim.outcome as RunPredicate['outcome'],
        constraints: [{ ...statement.predicate.constraints[0]!, status: 'enforced' }],
        events: { count: sealed.length, head: sealed.at(-1)!.hash, sha256: digestJson(sealed) },
      };
      const forged = await resigned({
        bundle,
        statement: { ...statement, predicate },
        events: sealed,
        key: trusted,
      });
      const report = verify(forged);
      expect(report.checks.slice(0, 3).every((c) => c.ok)).toBe(true);
      expect(report).toMatchObject({
        ok: false,
        reason: 'summary_mismatch',
        seq: sealed.length - 1,
        path: 'constraints.0.status',
      });
    }
  });

  it('rejects a predicate field or subject that misreports the events, even when signed by a trusted key', async () => {
    const statement = statementOf(certified);
    const cheaper = {
      ...statement.predicate,
      models: [{ ...statement.predicate.models[0]!, cost_usd: 0.5 }],
    };
    const edited = await resigned({
      bundle: certified,
      statement: { ...statement, predicate: cheaper },
      key: trusted,
    });
    expect(verify(edited)).toMatchObject({
      ok: false,
      reason: 'summary_mismatch',
      path: 'predicate.models.0.cost_usd',
    });
    const retimed = { ...statement.predicate, started_at: '2000-01-01T00:00:00.000Z' };
    const early = await resigned({
      bundle: certified,
      statement: { ...statement, predicate: retimed },
      key: trusted,
    });
    expect(verify(early)).toMatchObject({
      ok: false,
      reason: 'summary_mismatch',
      seq: 0,
      path: 'predicate.started_at',
    });
    const subject = [
      statement.subject[0]!,
      { name: 'run/run-test/output', digest: { sha256: 'ab'.repeat(32) } },
    ];
    const swapped = await resigned({ bundle: certified, statement: { ...statement, subject }, key: trusted });
    expect(verify(swapped)).toMatchObject({
      ok: false,
      reason: 'subject_mismatch',
      path: 'subject.1.digest.sha256',
    });
  });
});

describe('verifyCertificate: log inclusion', () => {
  it('checks an attached inclusion proof against a signed checkpoint, a tlog-proof or a trusted root', async () => {
    const logKey = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const origin = 'log.nanocode.test';
    const log = createTransparencyLog({
      origin,
      store: createMemoryLeafStore(),
      signer: { name: origin, privateKeyPem: logKey },
    });
    const tenant = certified.header.tenant;
    await log.append({ tenant, certificateDigest: certificateDigest({ envelope: stopped.envelope }) });
    const { index } = await log.append({
      tenant,
      certificateDigest: certificateDigest({ envelope: certified.envelope }),
    });
    await log.append({ tenant, certificateDigest: certificateDigest({ envelope: softViolated.envelope }) });
    const note = await log.checkpoint({ tenant });
    const proved = await log.proveInclusion({ tenant, index });
    const keys = { verifiers: [log.verifierKey], origin: log.originFor({ tenant }) };
    const hex = proved.proof.map((h) => Buffer.from(h).toString('hex'));

    const viaCheckpoint = verify(certified, {
      logProof: { index, proof: hex, checkpoint: { note, ...keys } },
    });
    expect(viaCheckpoint.ok).toBe(true);
    expect(viaCheckpoint.checks.at(-1)).toMatchObject({ name: 'log_inclusion', ok: true });
    const tlogProof = formatTlogProof({ index, proof: proved.proof, checkpoint: note });
    expect(verify(certified, { logProof: { tlogProof, ...keys } }).ok).toBe(true);
    const root = Buffer.from(proved.rootHash).toString('hex');
    expect(verify(certified, { logProof: { index, proof: hex, size: proved.size, root } }).ok).toBe(true);

    // The same proof does not cover another certificate, another index, or a checkpoint from another log.
    expect(verify(softViolated, { logProof: { tlogProof, ...keys } })).toMatchObject({
      ok: false,
      reason: 'log_inclusion_failed',
    });
    expect(verify(certified, { logProof: { index: 0, proof: hex, size: proved.size, root } })).toMatchObject({
      reason: 'log_inclusion_failed',
    });
    const stranger = createTransparencyLog({
      origin,
      store: createMemoryLeafStore(),
      signer: {
        name: origin,
        privateKeyPem: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      },
    });
    const foreignKeys = { verifiers: [stranger.verifierKey], origin: keys.origin };
    expect(verify(certified, { logProof: { tlogProof, ...foreignKeys } })).toMatchObject({
      reason: 'log_inclusion_failed',
    });
    expect(verify(certified, { logProof: { index, proof: ['zz'], size: 3, root: 'nothex' } })).toMatchObject({
      reason: 'log_inclusion_failed',
    });
  });
});
