import type { RunPredicate } from '../spec/certificate.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import type { TrustedKey } from '../spec/signer.js';
import { type CertificateBundle, certificateBundle, createCertificate } from './certificate.js';
import { runScenario } from './certificate-runs.test-util.js';
import { createEd25519Signer, type Ed25519KeyPair, generateEd25519KeyPair } from './ed25519-signer.js';
import { headerDigest } from './header-digest.js';
import { type InTotoStatement, signStatement } from './in-toto-statement.js';
import { sealEvent } from './seal-event.js';

/** A key pair with its signer and its entry for a verifier's trusted keys. */
export interface TestKey {
  pair: Ed25519KeyPair;
  signer: ReturnType<typeof createEd25519Signer>;
  trusted: TrustedKey;
}

/** A fresh Ed25519 test key. */
export function testKey(): TestKey {
  const pair = generateEd25519KeyPair();
  return {
    pair,
    signer: createEd25519Signer({ privateKeyPem: pair.private_key_pem }),
    trusted: { keyid: pair.keyid, public_key_pem: pair.public_key_pem },
  };
}

/** Runs a named scenario of `CERTIFICATE_RUNS` and certifies it with `key`. */
export async function certifiedBundle(options: { run: string; key: TestKey }): Promise<CertificateBundle> {
  const result = await runScenario(options.run);
  const certificate = await createCertificate({ result, signer: options.key.signer });
  return certificateBundle({ certificate, result });
}

/** A deep copy through JSON, as a bundle travels. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Re-seals every event from `from` on so that the chain is internally consistent again. */
export function reseal(options: { header: RunHeader; events: readonly RunEvent[] }): RunEvent[] {
  let prev: string = headerDigest(options.header);
  return options.events.map((event, seq) => {
    const { hash: _old, ...body } = event;
    const sealed = sealEvent({ ...body, seq, prev });
    prev = sealed.hash;
    return jsonCopy(sealed);
  });
}

/** The statement signed in a bundle's envelope (decoded, not verified). */
export function statementOf(bundle: CertificateBundle): InTotoStatement<RunPredicate> {
  return JSON.parse(
    Buffer.from(bundle.envelope.payload, 'base64').toString('utf8'),
  ) as InTotoStatement<RunPredicate>;
}

/** Signs `statement` with `key` into a copy of `bundle` that carries `events`. */
export async function resigned(options: {
  bundle: CertificateBundle;
  statement: InTotoStatement;
  events?: RunEvent[];
  key: TestKey;
}): Promise<CertificateBundle> {
  const envelope = await signStatement({ statement: options.statement, signers: [options.key.signer] });
  return { ...options.bundle, envelope, events: options.events ?? options.bundle.events };
}
