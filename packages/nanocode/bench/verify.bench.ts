import { createPublicKey, verify } from 'node:crypto';
import { resolveConfig } from '../src/config/index.js';
import {
  certificateBundle,
  createCertificate,
  createEd25519Signer,
  generateEd25519KeyPair,
  pae,
  verifyCertificate,
} from '../src/evidence/index.js';
import { runWorkflow } from '../src/runner/index.js';
import type { ResolvedConfig } from '../src/spec/workflow.js';
import { constantAdapter } from './constant-adapter.js';
import { type Measurement, measureAll } from './measure.js';

const TEXT = JSON.stringify({ answer: 'Refunds are processed within 5 business days.' });

const constant = constantAdapter({ text: TEXT });

/** A workflow of `steps` independent model steps, each with two constraints. */
function stepsConfig(options: { steps: number }): ResolvedConfig {
  const steps = Object.fromEntries(
    Array.from({ length: options.steps }, (_, i) => [
      `s${i}`,
      {
        model: ['bench:constant'],
        prompt: { user: `Question ${i}` },
        output: 'json',
        constraints: [
          { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer'] } },
          { id: 'short', kind: 'max_words', field: 'answer', value: 120 },
        ],
      },
    ]),
  );
  return resolveConfig({
    workflow: {
      name: 'bench-verify',
      version: 1,
      steps,
      budget: { attempts: options.steps * 2, tokens: 1e9, cost_usd: 1e3, time_ms: 600_000 },
    },
  });
}

/**
 * Offline verification throughput on one core: a certificate of a 1-step and of a 50-step run (signature,
 * chain rehash, summary rebuild and subject), beside a bare Ed25519 `crypto.verify` of the same PAE.
 * Names carry certificates per second; the table's ratio is to the bare signature check.
 */
export async function benchVerify(): Promise<{ rows: Measurement[]; baseline: Measurement }> {
  const pair = generateEd25519KeyPair();
  const signer = createEd25519Signer({ privateKeyPem: pair.private_key_pem });
  const keys = [{ keyid: pair.keyid, public_key_pem: pair.public_key_pem }];
  const bundles = [];
  for (const steps of [1, 50]) {
    const result = await runWorkflow({
      config: stepsConfig({ steps }),
      inputs: {},
      adapters: () => constant,
    });
    const certificate = await createCertificate({ result, signer });
    // Verify from the JSON a verifier would receive.
    bundles.push({
      steps,
      events: result.events.length,
      bundle: JSON.parse(JSON.stringify(certificateBundle({ certificate, result }))),
    });
  }
  const first = bundles[0]?.bundle;
  const bytes = pae(first.envelope.payloadType, Buffer.from(first.envelope.payload, 'base64'));
  const sig = Buffer.from(first.envelope.signatures[0].sig, 'base64');
  const publicKey = createPublicKey(pair.public_key_pem);
  const [one, fifty] = bundles;
  const check = (bundle: unknown) => async () => {
    if (!verifyCertificate({ bundle, keys }).ok) throw new Error('the bench certificate must verify');
  };
  const rows = await measureAll({
    contenders: [
      {
        name: 'crypto.verify Ed25519, parsed key (1-step PAE)',
        fn: async () => verify(null, bytes, publicKey, sig),
      },
      // The trusted key as a verifier receives it: PEM text, parsed on the call.
      {
        name: 'crypto.verify Ed25519, PEM parsed per call',
        fn: async () => verify(null, bytes, pair.public_key_pem, sig),
      },
      { name: `verifyCertificate, 1-step run (${one?.events} events)`, fn: check(one?.bundle) },
    ],
  });
  const [heavy] = await measureAll({
    contenders: [
      { name: `verifyCertificate, 50-step run (${fifty?.events} events)`, fn: check(fifty?.bundle) },
    ],
    batches: 11,
    batchSize: 20,
    warmup: 20,
  });
  if (heavy) rows.push(heavy);
  const named = rows.map((row) => ({ ...row, name: `${row.name} · ${Math.round(1e6 / row.median_us)}/s` }));
  return { rows: named, baseline: named[0] as Measurement };
}
