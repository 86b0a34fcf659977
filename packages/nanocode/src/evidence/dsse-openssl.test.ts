import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DsseEnvelope, pae, signEnvelope } from './dsse.js';
import { createEd25519Signer, generateEd25519KeyPair } from './ed25519-signer.js';

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}
const haveOpenssl = has('openssl', ['version']);
const haveTools = haveOpenssl && has('jq', ['--version']) && has('base64', ['--version']);
const docPath = fileURLToPath(new URL('../../../../docs/verify-with-openssl.md', import.meta.url));

// Runs the first shell block of docs/verify-with-openssl.md, so the documented steps cannot rot.
async function runDocumentedCheck(workdir: string): Promise<{ status: number | null; output: string }> {
  const doc = await readFile(docPath, 'utf8');
  const script = /```sh\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(script).toContain('openssl pkeyutl -verify');
  const result = spawnSync('bash', ['-eo', 'pipefail', '-c', script!], { cwd: workdir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('openssl interop', () => {
  const pair = generateEd25519KeyPair();
  const signer = createEd25519Signer({ privateKeyPem: pair.private_key_pem });
  const payloadType = 'application/vnd.in-toto+json';
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1","note":"h\u00e9llo"}');
  let workdir: string;
  let envelope: DsseEnvelope;

  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'nanocode-openssl-'));
    envelope = await signEnvelope({ payloadType, payload, signers: [signer] });
    await writeFile(join(workdir, 'key.pub'), pair.public_key_pem);
  });
  afterAll(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  it.skipIf(!haveOpenssl)(
    'openssl pkeyutl verifies our signature over the PAE and rejects another PAE',
    async () => {
      await writeFile(join(workdir, 'pae.bin'), pae(payloadType, payload));
      await writeFile(join(workdir, 'other.bin'), pae(payloadType, Buffer.from('{}')));
      await writeFile(join(workdir, 'sig.bin'), Buffer.from(envelope.signatures[0]!.sig, 'base64'));
      const verify = (file: string) =>
        spawnSync(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pub', '-rawin', '-in', file, '-sigfile', 'sig.bin'],
          {
            cwd: workdir,
            encoding: 'utf8',
          },
        );
      const good = verify('pae.bin');
      expect(good.status).toBe(0);
      expect(good.stdout).toContain('Signature Verified Successfully');
      expect(verify('other.bin').status).not.toBe(0);
      const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'key.pub', '-outform', 'DER'], {
        cwd: workdir,
      });
      const keyid = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der })
        .toString()
        .split(' ')[0];
      expect(keyid).toBe(signer.keyid);
    },
  );

  it.skipIf(!haveTools)(
    'the shell steps in docs/verify-with-openssl.md verify a good envelope and reject a bad one',
    async () => {
      await writeFile(join(workdir, 'envelope.json'), JSON.stringify(envelope));
      const good = await runDocumentedCheck(workdir);
      expect(good.output).toContain('Signature Verified Successfully');
      expect(good.status).toBe(0);

      const forged = { ...envelope, payload: Buffer.from('{"_type":"forged"}').toString('base64') };
      await writeFile(join(workdir, 'envelope.json'), JSON.stringify(forged));
      const bad = await runDocumentedCheck(workdir);
      expect(bad.status).not.toBe(0);
      expect(bad.output).toContain('Signature Verification Failure');

      const unsigned = {
        ...envelope,
        signatures: [{ keyid: 'someone-else', sig: envelope.signatures[0]!.sig }],
      };
      await writeFile(join(workdir, 'envelope.json'), JSON.stringify(unsigned));
      expect((await runDocumentedCheck(workdir)).output).toContain('no signature by key');
    },
  );
});
