import { describe, expect, it } from 'vitest';
import { readTrustFile, trustedKeys, verifyEnvelope } from '../evidence/index.js';
import { TEST_RESULT_PREDICATE_TYPE } from '../spec/certificate.js';
import { cliIn, copyExamples, EXAMPLES, runExample } from './cli-project.test-util.js';

describe('nanocode cert export --format test-result', () => {
  it('signs the in-toto Test Result view with the certificate key: passed, warned and failed as the statuses say', async () => {
    const project = await copyExamples();
    const { runId } = await runExample({ cwd: project, example: EXAMPLES[3] }); // constraint-playground: a soft violation
    const exported = await cliIn({
      cwd: project,
      args: ['cert', 'export', runId, '--format', 'test-result'],
    });
    expect(exported.code).toBe(0);
    const envelope = JSON.parse(exported.out);
    const trust = await readTrustFile({ path: `${project}/.nanocode/keys/trust.json` });
    const verified = verifyEnvelope({ envelope, keys: trustedKeys({ trust, purpose: 'certificate' }) });
    expect(verified.ok).toBe(true);
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(statement.predicateType).toBe(TEST_RESULT_PREDICATE_TYPE);
    expect(statement.predicate.result).toBe('WARNED');
    expect(statement.predicate.warnedTests).toContain('playground.tone');
    expect(statement.predicate.passedTests.length).toBeGreaterThanOrEqual(12);
  });
});
