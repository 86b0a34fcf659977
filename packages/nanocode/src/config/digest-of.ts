import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** `sha256:` + the hex SHA-256 of the RFC 8785 (JCS) canonical JSON of `value`. */
export function digestOf(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new TypeError('digestOf: value has no JSON form');
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}
