import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunHeader } from '../spec/events.js';
import { createEventLog } from './event-log.js';
import { commitValue, createSalts, cryptoRandom, verifyCommitment } from './redaction.js';
import { verifyChain } from './verify-chain.js';

const header: RunHeader = {
  spec: 'nanocode.run/v1',
  run_id: 'r1',
  tenant: 't',
  workflow: { name: 'w', version: '1', digest: 'sha256:00' },
  profile: { name: 'p', digest: 'sha256:00' },
  config_digest: 'sha256:00',
  framework: { name: 'nanocode', version: '0.0.0' },
};

describe('salted commitments', () => {
  const salt = 'c2FsdC1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkw';

  it('commits to sha256 of JCS({salt, value}), independent of key order', () => {
    const a = commitValue({ value: { b: 1, a: 'x' }, salt });
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(commitValue({ value: { a: 'x', b: 1 }, salt })).toBe(a);
    // The exact preimage is {"salt":…,"value":…} in canonical form.
    const hex = createHash('sha256').update(`{"salt":"${salt}","value":{"a":"x","b":1}}`).digest('hex');
    expect(a).toBe(`sha256:${hex}`);
  });

  it('verifies with its salt and value only', () => {
    const commitment = commitValue({ value: 'my secret prompt', salt });
    expect(verifyCommitment({ commitment, value: 'my secret prompt', salt })).toBe(true);
    expect(verifyCommitment({ commitment, value: 'my secret prompt!', salt })).toBe(false);
    expect(verifyCommitment({ commitment, value: 'my secret prompt', salt: `${salt}x` })).toBe(false);
    expect(verifyCommitment({ commitment: 'garbage', value: 'my secret prompt', salt })).toBe(false);
    expect(verifyCommitment({ commitment, value: Number.NaN, salt })).toBe(false);
  });

  it('gives different commitments to the same value under different salts', () => {
    const salts = createSalts({ names: ['a', 'b'], random: cryptoRandom });
    expect(Object.keys(salts)).toEqual(['a', 'b']);
    expect(salts.a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(salts.a).not.toBe(salts.b);
    expect(commitValue({ value: 'same', salt: salts.a as string })).not.toBe(
      commitValue({ value: 'same', salt: salts.b as string }),
    );
  });

  it('takes its randomness from the caller, so a replay re-derives the same salts', () => {
    const fixed = (n: number) => new Uint8Array(n).fill(7);
    expect(createSalts({ names: ['x'], random: fixed })).toEqual(
      createSalts({ names: ['x'], random: fixed }),
    );
  });

  it('keeps the chain verifiable after the salt is erased: events hold only the commitment', () => {
    const salts = createSalts({ names: ['output'], random: cryptoRandom });
    const log = createEventLog({ header, clock: () => '2026-01-01T00:00:00.000Z' });
    const text = 'the confidential answer';
    const commitment = commitValue({ value: text, salt: salts.output as string });
    log.append({
      type: 'run.started',
      data: {
        run_id: 'r1',
        inputs_digest: commitment,
        budget: { attempts: 1, tokens: 1, cost_usd: 1, time_ms: 1 },
      },
    });
    log.append({
      type: 'output.released',
      step: 's',
      data: { output_digest: commitment, source: 'attempt', checked: 'before_release' as const },
    });
    const events = log.events();
    expect(JSON.stringify(events)).not.toContain(text);
    expect(verifyCommitment({ commitment, value: text, salt: salts.output as string })).toBe(true);
    delete salts.output;
    expect(verifyChain({ header, events })).toMatchObject({ ok: true, count: 2 });
  });
});
