import { createCertificate, createEd25519Signer, generateEd25519KeyPair } from '../src/evidence/index.js';
import { runWorkflow } from '../src/runner/index.js';
import { benchSetup } from './run-cost.bench.js';

const { config, adapter } = benchSetup();
const pair = generateEd25519KeyPair();
const signer = createEd25519Signer({ privateKeyPem: pair.private_key_pem });
const result = await runWorkflow({ config, inputs: {}, adapters: () => adapter });
const t = Date.now();
let n = 0;
while (Date.now() - t < 4000) {
  await createCertificate({ result, signer });
  n += 1;
}
console.log(`${n} certificates, ${((4000 * 1000) / n).toFixed(1)} µs each`);
