import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pae } from './dsse.js';

// The public DSSE vector lives beside the repository root, in shared/vectors/dsse.
const vectorPath = fileURLToPath(
  new URL('../../../../../shared/vectors/dsse/dsse-test-vector.json', import.meta.url),
);
const haveVector = existsSync(vectorPath);
const skipNote = haveVector ? '' : ` (skipped: vector not found at ${vectorPath})`;

describe('pae', () => {
  it('encodes type and body with their byte lengths', () => {
    const bytes = pae('t/é', Buffer.from('a b'));
    expect(Buffer.from(bytes).toString('utf8')).toBe('DSSEv1 4 t/é 3 a b');
    expect(Buffer.from(pae('', new Uint8Array())).toString()).toBe('DSSEv1 0  0 ');
  });

  it.skipIf(!haveVector)(`matches the DSSE specification vector byte for byte${skipNote}`, () => {
    const vector = JSON.parse(readFileSync(vectorPath, 'utf8'));
    const bytes = pae(vector.payloadType, Buffer.from(vector.payloadBase64, 'base64'));
    expect(Buffer.from(bytes).toString('hex')).toBe(vector.paeHex);
    expect(Buffer.from(bytes).toString('utf8')).toBe(vector.paeUtf8);
  });
});
