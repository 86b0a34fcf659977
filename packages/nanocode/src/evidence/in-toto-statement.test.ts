import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { createEd25519Signer, generateEd25519KeyPair } from './ed25519-signer.js';
import {
  IN_TOTO_PAYLOAD_TYPE,
  type InTotoStatement,
  parseStatement,
  signStatement,
} from './in-toto-statement.js';
import { verifyEnvelope } from './verify-envelope.js';

// The public in-toto example lives beside the repository root, in shared/vectors/in-toto-attestation.
const examplePath = fileURLToPath(
  new URL(
    '../../../../../shared/vectors/in-toto-attestation/test-result-statement-example.json',
    import.meta.url,
  ),
);
const haveExample = existsSync(examplePath);
const skipNote = haveExample ? '' : ` (skipped: example not found at ${examplePath})`;

describe('in-toto statements', () => {
  it.skipIf(!haveExample)(
    `signs the upstream Test Result example and verifies it back${skipNote}`,
    async () => {
      const statement = JSON.parse(readFileSync(examplePath, 'utf8')) as InTotoStatement;
      const pair = generateEd25519KeyPair();
      const envelope = await signStatement({
        statement,
        signers: [createEd25519Signer({ privateKeyPem: pair.private_key_pem })],
      });
      expect(envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
      expect(Buffer.from(envelope.payload, 'base64').toString('utf8')).toBe(canonicalJson(statement));
      const verified = verifyEnvelope({
        envelope,
        keys: [{ keyid: pair.keyid, public_key_pem: pair.public_key_pem }],
        payloadType: IN_TOTO_PAYLOAD_TYPE,
      });
      expect(verified.ok).toBe(true);
      const parsed = verified.ok ? parseStatement(verified.payload) : undefined;
      expect(parsed).toEqual({ ok: true, statement });
    },
  );

  it.each([
    ['not JSON', 'nope', /not UTF-8 JSON/],
    ['a wrong _type', { _type: 'https://in-toto.io/Statement/v0.1' }, /_type/],
    ['an empty subject', { _type: 'https://in-toto.io/Statement/v1', subject: [] }, /subject is empty/],
    [
      'a subject without digest',
      { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'x', digest: {} }] },
      /subject 0 has no digest/,
    ],
    [
      'no predicateType',
      { _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: { sha256: 'ab' } }], predicate: {} },
      /predicateType/,
    ],
    [
      'a non-object predicate',
      {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: { sha256: 'ab' } }],
        predicateType: 'u',
        predicate: 1,
      },
      /predicate is not an object/,
    ],
  ])('rejects a payload with %s', (_name, value, message) => {
    const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const result = parseStatement(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('rejects payload bytes that are not UTF-8', () => {
    expect(parseStatement(new Uint8Array([0x7b, 0xff, 0x7d])).ok).toBe(false);
  });
});
