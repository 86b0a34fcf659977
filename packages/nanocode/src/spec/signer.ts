/**
 * Signs bytes with a private key the caller never sees, so that file keys, KMS and HSM keys fit behind the
 * same contract. Evidence signs DSSE PAE bytes and checkpoint notes through it.
 */
export interface Signer {
  spec: 'nanocode.signer/v1';
  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo of the public key. */
  keyid: string;
  algorithm: 'ed25519';
  /** Returns the raw signature over `data` (64 bytes for Ed25519). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A public key a verifier trusts, from a pinned trust file. The validity window bounds the signing times the
 * key is accepted for; rotation closes the old key's window instead of deleting it, so old evidence still
 * verifies.
 */
export interface TrustedKey {
  keyid: string;
  /** SubjectPublicKeyInfo, PEM encoded. */
  public_key_pem: string;
  /** ISO-8601 UTC; the key is not valid before this time. */
  not_before?: string;
  /** ISO-8601 UTC; the key is not valid at or after this time. */
  not_after?: string;
}
