import type { RunEvent, RunHeader } from '../../spec/events.js';
import { canonicalJson } from '../canonical-json.js';

/** The files of an evidence bundle, by file name. */
export interface BundleFiles {
  /** The signed DSSE envelope, as stored. */
  'certificate.json': string;
  /** One event per line, in RFC 8785 canonical JSON: each line hashes as the chain says. */
  'events.jsonl': string;
  /** The run header the first event's `prev` chains to. */
  'header.json': string;
}

/**
 * Exports the evidence bundle: the signed envelope plus the event log and run header it was built from,
 * which is everything an offline verifier needs besides the public key.
 */
export function toBundleFiles(options: {
  envelope: unknown;
  header: RunHeader;
  events: readonly RunEvent[];
}): BundleFiles {
  return {
    'certificate.json': `${JSON.stringify(options.envelope, null, 2)}\n`,
    'events.jsonl': options.events.map((event) => `${canonicalJson(event)}\n`).join(''),
    'header.json': `${JSON.stringify(options.header, null, 2)}\n`,
  };
}
