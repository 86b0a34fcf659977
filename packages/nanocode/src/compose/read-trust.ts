import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { readTrustFile, TRUST_FILE_NAME, type TrustEntry, trustedKeys } from '../evidence/index.js';
import { formatVerifierKey } from '../evidence/tlog-index.js';
import { LOG_ORIGIN } from './signing-log.js';

/** The C2SP verifier key string of a `log` key from a trust file. */
export function logVerifierKey(options: { entry: Pick<TrustEntry, 'public_key_pem'> }): string {
  const jwk = createPublicKey(options.entry.public_key_pem).export({ format: 'jwk' });
  const publicKey = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
  return formatVerifierKey({ name: LOG_ORIGIN, publicKey });
}

/**
 * The keys a verifier trusts from `<keyDir>/trust.json`: certificate keys, and every log key (retired ones
 * too, since old checkpoints were signed by them) as verifier key strings. Empty when there is no trust file.
 */
export async function readTrust(options: {
  keyDir: string;
}): Promise<{ certificate: ReturnType<typeof trustedKeys>; logVerifiers: string[]; found: boolean }> {
  let trust: Awaited<ReturnType<typeof readTrustFile>>;
  try {
    trust = await readTrustFile({ path: join(options.keyDir, TRUST_FILE_NAME) });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    if (cause?.code === 'ENOENT') return { certificate: [], logVerifiers: [], found: false };
    throw error;
  }
  return {
    certificate: trustedKeys({ trust, purpose: 'certificate' }),
    logVerifiers: trust.keys
      .filter((entry) => entry.purpose === 'log')
      .map((entry) => logVerifierKey({ entry })),
    found: true,
  };
}
