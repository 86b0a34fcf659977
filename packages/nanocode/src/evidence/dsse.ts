import { NanocodeError } from '../spec/errors.js';
import type { Signer } from '../spec/signer.js';

/** A DSSE v1 JSON envelope. `payload` and `sig` are base64. */
export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: Array<{ keyid?: string; sig: string }>;
}

/**
 * The DSSE v1 pre-authentication encoding, the exact bytes that are signed:
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in bytes as ASCII decimals.
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${payload.length} `, 'utf8'),
    payload,
  ]);
}

/** Options for {@link signEnvelope}. */
export interface SignEnvelopeOptions {
  /** Application-specific, e.g. `application/vnd.in-toto+json`; never plain `application/json`. */
  payloadType: string;
  payload: Uint8Array;
  /** One signature per signer, in this order. At least one. */
  signers: readonly Signer[];
}

/** Signs `payload` with every signer over its PAE and wraps it in an envelope (standard base64). */
export async function signEnvelope(options: SignEnvelopeOptions): Promise<DsseEnvelope> {
  if (options.signers.length === 0) {
    throw new NanocodeError({
      code: 'NC_EVIDENCE_KEY_MISSING',
      message: 'signEnvelope needs at least one signer.',
    });
  }
  const bytes = pae(options.payloadType, options.payload);
  const signatures = await Promise.all(
    options.signers.map(async (signer) => ({
      keyid: signer.keyid,
      sig: Buffer.from(await signer.sign(bytes)).toString('base64'),
    })),
  );
  return {
    payload: Buffer.from(options.payload).toString('base64'),
    payloadType: options.payloadType,
    signatures,
  };
}
