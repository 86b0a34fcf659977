import { describe, expect, it } from 'vitest';
import { RUN_PREDICATE_TYPE, TEST_RESULT_PREDICATE_TYPE } from '../spec/certificate.js';
import { certificateBundle, certificateDigest, createCertificate } from './certificate.js';
import { jsonCopy, testKey } from './certificate-fixtures.test-util.js';
import { CERTIFICATE_RUNS, runScenario } from './certificate-runs.test-util.js';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from './in-toto-statement.js';
import { verifyCertificate } from './verify-certificate.js';
import { verifyEnvelope } from './verify-envelope.js';

const key = testKey();

describe('createCertificate', () => {
  it.each(Object.keys(CERTIFICATE_RUNS))('certifies a real %s run that verifies offline', async (name) => {
    const result = await runScenario(name);
    const certificate = await createCertificate({ result, signer: key.signer, testResultView: true });
    const { statement } = certificate;
    expect(certificate.envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(statement.predicateType).toBe(RUN_PREDICATE_TYPE);
    expect(statement.predicate.outcome).toBe(result.outcome);
    expect(statement.predicate.events).toMatchObject({
      count: result.events.length,
      head: result.events.at(-1)?.hash,
    });

    // The bundle travels as JSON and verifies with the public key alone.
    const bundle = jsonCopy(certificateBundle({ certificate, result }));
    const report = verifyCertificate({ bundle, keys: [key.trusted] });
    expect(report.message).toBe('the certificate verifies');
    expect(report.ok).toBe(true);
    expect(report.keyids).toEqual([key.pair.keyid]);
    expect(report.checks.map((c) => [c.name, c.ok, c.skipped ?? false])).toEqual([
      ['signature', true, false],
      ['types', true, false],
      ['chain', true, false],
      ['summary', true, false],
      ['subject', true, false],
      ['log_inclusion', false, true],
    ]);

    // The subject is the events head, then the released result when there is one.
    const released = result.outcome !== 'stopped' && result.outcome !== 'error';
    expect(statement.subject.map((s) => s.name)).toEqual([
      'run/run-test/events',
      ...(released ? ['run/run-test/output'] : []),
    ]);
    expect(statement.subject[0]?.digest.sha256).toBe(result.events.at(-1)?.hash.slice('sha256:'.length));

    // The Test Result view is a second signed statement over the same subject.
    const view = certificate.testResult;
    expect(view?.statement.predicateType).toBe(TEST_RESULT_PREDICATE_TYPE);
    expect(view?.statement.subject).toEqual(statement.subject);
    const checked = verifyEnvelope({
      envelope: view!.envelope,
      keys: [key.trusted],
      payloadType: IN_TOTO_PAYLOAD_TYPE,
    });
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(parseStatement(checked.payload)).toMatchObject({ ok: true, statement: view!.statement });
  });

  it('summarises models, recovery, budget and outputs from the events', async () => {
    const result = await runScenario('retried');
    const { predicate } = (await createCertificate({ result, signer: key.signer })).statement;
    expect(predicate.recovery.map(({ seq: _seq, ...move }) => move)).toEqual([
      {
        step: 'answer',
        strategy: 'fallback',
        trigger: { error: 'auth' },
        from: 'scripted:a',
        to: 'scripted:b',
      },
      {
        step: 'answer',
        strategy: 'retry',
        trigger: { constraints: ['shape'] },
        from: 'scripted:b',
        to: 'scripted:b',
      },
    ]);
    // Only completed attempts consume tokens: scripted:a failed, scripted:b answered twice.
    expect(predicate.models.map((m) => [m.adapter, m.model, m.attempts])).toEqual([['scripted:b', 'b', 2]]);
    expect(predicate.budget.limits).toEqual({ attempts: 10, tokens: 100_000, cost_usd: 1, time_ms: 30_000 });
    expect(predicate.budget.consumed.attempts).toBe(3);
    expect(predicate.outputs.steps).toHaveLength(1);
    expect(predicate.outputs.digest).toBe(predicate.outputs.steps[0]?.digest);
    expect(predicate.constraints).toEqual([
      expect.objectContaining({ step: 'answer', id: 'shape', status: 'enforced', verdict: 'pass' }),
    ]);
  });

  it('records the waiver and the events behind a waived status', async () => {
    const result = await runScenario('waived');
    const { predicate } = (await createCertificate({ result, signer: key.signer })).statement;
    const [row] = predicate.constraints;
    expect(row).toMatchObject({
      status: 'waived',
      verdict: 'fail',
      waiver: { reason: 'pilot', granted_by: 'risk-office' },
    });
    expect(row?.evidence.map((seq) => result.events[seq]?.type)).toEqual([
      'constraint.evaluated',
      'waiver.applied',
    ]);
  });

  it('derives the certificate digest from the canonical envelope', async () => {
    const result = await runScenario('certified');
    const { envelope } = await createCertificate({ result, signer: key.signer });
    const digest = certificateDigest({ envelope });
    expect(digest).toHaveLength(32);
    const reordered = {
      signatures: envelope.signatures,
      payloadType: envelope.payloadType,
      payload: envelope.payload,
    };
    expect(certificateDigest({ envelope: reordered })).toEqual(digest);
  });

  it('refuses to certify a run whose run.completed contradicts its events', async () => {
    const result = await runScenario('stopped');
    const events = jsonCopy(result.events);
    const last = events.at(-1) as { data: { constraints: Array<{ status: string }> } };
    (last.data.constraints[0] as { status: string }).status = 'enforced';
    await expect(
      createCertificate({ result: { header: result.header, events }, signer: key.signer }),
    ).rejects.toMatchObject({
      code: 'NC_EVIDENCE_SUMMARY_INVALID',
    });
  });
});
