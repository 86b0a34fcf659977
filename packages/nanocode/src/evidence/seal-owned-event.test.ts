import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../spec/events.js';
import { sha256Hex } from './digest.js';
import { eventHash } from './seal-event.js';
import { sealOwnedEvent } from './seal-owned-event.js';

const body = fc.record(
  {
    seq: fc.nat(),
    ts: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    type: fc.constantFrom(...EVENT_TYPES),
    step: fc.string({ unit: 'grapheme' }),
    attempt: fc.nat(),
    data: fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()),
    prev: fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => `sha256:${Buffer.from(b).toString('hex')}`),
  },
  { requiredKeys: ['seq', 'ts', 'type', 'data', 'prev'] },
);

describe('sealOwnedEvent', () => {
  it('hashes exactly the RFC 8785 bytes of the event (checked against the canonicalize library)', () => {
    fc.assert(
      fc.property(body, (b) => {
        // jsonValue may produce -0 and sparse-free arrays; canonicalize is the reference.
        const event = sealOwnedEvent(b as never);
        const { hash, ...rest } = event;
        const reference = canonicalize(JSON.parse(JSON.stringify(rest))) as string;
        expect(hash).toBe(`sha256:${sha256Hex(reference)}`);
        expect(hash).toBe(eventHash(event));
      }),
      { numRuns: 2000 },
    );
  });

  it('freezes the event and leaves out absent step and attempt', () => {
    const event = sealOwnedEvent({
      seq: 0,
      ts: 't',
      type: 'step.completed',
      data: { status: 'released' },
      prev: 'p',
    });
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.keys(event)).not.toContain('step');
    expect(Object.keys(event)).not.toContain('attempt');
  });
});
