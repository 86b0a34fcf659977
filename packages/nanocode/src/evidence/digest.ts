import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The `sha256:<hex>` form every Nanocode digest takes. */
export type Sha256Digest = `sha256:${string}`;

/** Lower-case hex SHA-256 of a string (hashed as UTF-8) or of bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `sha256:<hex>` of the RFC 8785 canonical JSON of `value`. Throws `NC_EVIDENCE_NOT_JSON` for non-JSON. */
export function digestJson(value: unknown): Sha256Digest {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
