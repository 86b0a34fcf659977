import type { RunHeader } from '../spec/events.js';
import { digestJson, type Sha256Digest } from './digest.js';

/** `sha256:<hex>` of JCS(header): the `prev` of a run's first event (seq 0). */
export function headerDigest(header: RunHeader): Sha256Digest {
  return digestJson(header);
}
