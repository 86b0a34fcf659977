import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../spec/events.js';
import type { CertificateBundle } from './certificate.js';
import {
  certifiedBundle,
  jsonCopy,
  reseal,
  resigned,
  statementOf,
  type TestKey,
  testKey,
} from './certificate-fixtures.test-util.js';
import { eventListDigest } from './predicate-from-events.js';
import { type CertFailureReason, verifyCertificate } from './verify-certificate.js';
import {
  differentFrom,
  firstChangedIndex,
  getAt,
  leafPaths,
  replaceChar,
  setAt,
} from './verify-certificate-mutations.test-util.js';

/**
 * Every mutation of a valid certificate must be rejected with the reason that names it. Certificates are
 * signed once; each run mutates a copy. Counts add up to more than 10,000 mutations.
 */

const RUNS = ['certified', 'retried', 'waived', 'stopped', 'degraded', 'input_refused', 'chain'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_!';
const CHAIN_REASONS = [
  'chain_hash_mismatch',
  'chain_prev_mismatch',
  'chain_seq_gap',
  'header_mismatch',
  'chain_malformed',
];

let trusted: TestKey;
let untrusted: TestKey;
let bundles: CertificateBundle[];

beforeAll(async () => {
  trusted = testKey();
  untrusted = testKey();
  bundles = await Promise.all(RUNS.map((run) => certifiedBundle({ run, key: trusted })));
  for (const bundle of bundles) expect(verify(bundle).ok).toBe(true);
}, 60_000);

function verify(bundle: unknown) {
  return verifyCertificate({ bundle, keys: [trusted.trusted] });
}

function expectRejected(bundle: unknown, reasons: readonly CertFailureReason[], seq?: number) {
  const report = verify(bundle);
  expect(report.ok).toBe(false);
  expect(reasons).toContain(report.reason);
  if (seq !== undefined) expect(report.seq).toBe(seq);
}

const which = fc.nat({ max: RUNS.length - 1 });
const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
);

describe('verifyCertificate rejects every mutation with the right reason', () => {
  it('any character of the envelope (payload, signature, payloadType, keyid): 3,000 runs', () => {
    fc.assert(
      fc.property(
        which,
        fc.constantFrom('payload', 'sig', 'payloadType', 'keyid'),
        fc.nat(),
        fc.nat(),
        (b, field, index, pick) => {
          const bundle = jsonCopy(bundles[b] as CertificateBundle);
          const signature = bundle.envelope.signatures[0] as { keyid?: string; sig: string };
          if (field === 'payload')
            bundle.envelope.payload = replaceChar({
              text: bundle.envelope.payload,
              index,
              pick,
              alphabet: B64,
            });
          if (field === 'sig')
            signature.sig = replaceChar({ text: signature.sig, index, pick, alphabet: B64 });
          if (field === 'payloadType')
            bundle.envelope.payloadType = replaceChar({
              text: bundle.envelope.payloadType,
              index,
              pick,
              alphabet: 'abc/+.-x',
            });
          if (field === 'keyid')
            signature.keyid = replaceChar({
              text: signature.keyid ?? '',
              index,
              pick,
              alphabet: '0123456789abcdef',
            });
          const expected: CertFailureReason[] =
            field === 'keyid'
              ? ['unknown_key']
              : field === 'payloadType'
                ? ['bad_signature']
                : ['bad_signature', 'malformed'];
          expectRejected(bundle, expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('any byte of the decoded payload, re-encoded without re-signing: 1,500 runs', () => {
    fc.assert(
      fc.property(which, fc.nat(), fc.integer({ min: 1, max: 255 }), (b, index, delta) => {
        const bundle = jsonCopy(bundles[b] as CertificateBundle);
        const bytes = Buffer.from(bundle.envelope.payload, 'base64');
        const at = index % bytes.length;
        bytes[at] = ((bytes[at] as number) + delta) % 256;
        bundle.envelope.payload = bytes.toString('base64');
        expectRejected(bundle, ['bad_signature']);
      }),
      { numRuns: 1500 },
    );
  });

  it('any field of any event, changed or removed: a chain reason at that seq, 3,000 runs', () => {
    fc.assert(
      fc.property(which, fc.nat(), fc.nat(), jsonLeaf, fc.boolean(), (b, e, p, value, remove) => {
        const bundle = jsonCopy(bundles[b] as CertificateBundle);
        const seq = e % bundle.events.length;
        const event = bundle.events[seq] as RunEvent;
        const paths = leafPaths(event);
        const path = paths[p % paths.length] as Array<string | number>;
        const original = getAt(event, path);
        const drop = remove && original !== undefined && typeof path.at(-1) === 'string';
        setAt({ root: event, path, value: differentFrom(original, value), remove: drop });
        expectRejected(bundle, CHAIN_REASONS as CertFailureReason[], seq);
      }),
      { numRuns: 3000 },
    );
  });

  it('any content field of any event, with the chain re-sealed: the signed head no longer matches, 500 runs', () => {
    fc.assert(
      fc.property(which, fc.nat(), fc.nat(), jsonLeaf, (b, e, p, value) => {
        const bundle = jsonCopy(bundles[b] as CertificateBundle);
        const seq = e % bundle.events.length;
        const event = bundle.events[seq] as RunEvent;
        const paths = leafPaths(event).filter((path) => !['seq', 'prev', 'hash'].includes(String(path[0])));
        const path = paths[p % paths.length] as Array<string | number>;
        setAt({ root: event, path, value: differentFrom(getAt(event, path), value) });
        const events = reseal({ header: bundle.header, events: bundle.events });
        expectRejected({ ...bundle, events }, ['events_head_mismatch'], events.length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('dropping, reordering or inserting events: the first changed seq, 1,000 runs', () => {
    fc.assert(
      fc.property(which, fc.constantFrom('drop', 'swap', 'insert'), fc.nat(), fc.nat(), (b, how, i, j) => {
        const bundle = jsonCopy(bundles[b] as CertificateBundle);
        const original = bundle.events;
        const n = original.length;
        const events = [...original];
        if (how === 'drop') events.splice(i % n, 1);
        if (how === 'insert') events.splice(i % (n + 1), 0, jsonCopy(original[j % n] as RunEvent));
        if (how === 'swap') {
          const a = i % n;
          const c = (a + 1 + (j % (n - 1))) % n;
          [events[a], events[c]] = [events[c] as RunEvent, events[a] as RunEvent];
        }
        const seq = firstChangedIndex(original, events);
        // Dropping the last event leaves a valid but shorter chain: only the signed count tells.
        const truncated = how === 'drop' && seq === n - 1;
        expectRejected({ ...bundle, events }, [truncated ? 'events_count_mismatch' : 'chain_seq_gap'], seq);
      }),
      { numRuns: 1000 },
    );
  });

  it('any predicate field, re-signed by the trusted key: the rebuilt summary differs, 800 runs', async () => {
    await fc.assert(
      fc.asyncProperty(which, fc.nat(), jsonLeaf, async (b, p, value) => {
        const bundle = bundles[b] as CertificateBundle;
        const statement = jsonCopy(statementOf(bundle));
        const paths = leafPaths(statement.predicate);
        const path = paths[p % paths.length] as Array<string | number>;
        setAt({
          root: statement.predicate,
          path,
          value: differentFrom(getAt(statement.predicate, path), value),
        });
        const forged = await resigned({ bundle, statement, key: trusted });
        const top = path.slice(0, 2).join('.');
        const reason =
          top === 'events.count'
            ? 'events_count_mismatch'
            : top === 'events.head'
              ? 'events_head_mismatch'
              : 'summary_mismatch';
        expectRejected(forged, [reason]);
      }),
      { numRuns: 800 },
    );
  });

  it('a fully re-sealed forged chain, with a consistent summary signed by an untrusted key: 200 runs', async () => {
    await fc.assert(
      fc.asyncProperty(which, fc.nat(), async (b, e) => {
        const bundle = jsonCopy(bundles[b] as CertificateBundle);
        const seq = e % bundle.events.length;
        (bundle.events[seq] as { ts: string }).ts = '1999-01-01T00:00:00.000Z';
        const events = reseal({ header: bundle.header, events: bundle.events });
        const statement = statementOf(bundle);
        const predicate = {
          ...statement.predicate,
          ...(seq === 0 ? { started_at: '1999-01-01T00:00:00.000Z' } : {}),
          ...(seq === events.length - 1 ? { finished_at: '1999-01-01T00:00:00.000Z' } : {}),
          events: {
            count: events.length,
            head: (events.at(-1) as RunEvent).hash,
            sha256: eventListDigest(events),
          },
        };
        const subject = [
          { ...statement.subject[0], digest: { sha256: predicate.events.head.slice(7) } },
          ...statement.subject.slice(1),
        ];
        const forged = await resigned({
          bundle,
          statement: { ...statement, predicate, subject } as never,
          events,
          key: untrusted,
        });
        expectRejected(forged, ['unknown_key']);
        // The forgery is internally consistent: only the key gives it away.
        const report = verifyCertificate({ bundle: forged, keys: [trusted.trusted, untrusted.trusted] });
        expect(report.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
