import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType, type RunEvent, type RunHeader } from '../spec/events.js';
import { canonicalJson } from './canonical-json.js';
import { createEventLog } from './event-log.js';
import { headerDigest } from './header-digest.js';
import { sealEvent } from './seal-event.js';
import { verifyChain } from './verify-chain.js';

const header: RunHeader = {
  spec: 'nanocode.run/v1',
  run_id: 'run-1',
  tenant: 'acme',
  workflow: { name: 'answer', version: '1.0.0', digest: 'sha256:aa' },
  profile: { name: 'dev', digest: 'sha256:bb' },
  config_digest: 'sha256:cc',
  framework: { name: 'nanocode', version: '0.1.0' },
};

interface Draft {
  type: EventType;
  step?: string;
  attempt?: number;
  data: Record<string, unknown>;
}

const draft: fc.Arbitrary<Draft> = fc.record(
  {
    type: fc.constantFrom(...EVENT_TYPES),
    step: fc.string({ minLength: 1, maxLength: 8 }),
    attempt: fc.nat({ max: 9 }),
    data: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  },
  { requiredKeys: ['type', 'data'] },
);

/** A sealed chain built the way the runner builds it. */
function chain(drafts: Draft[]): RunEvent[] {
  let tick = 0;
  const log = createEventLog({
    header,
    clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString(),
  });
  for (const { type, step, attempt, data } of drafts) {
    log.append({
      type,
      ...(step === undefined ? {} : { step }),
      ...(attempt === undefined ? {} : { attempt }),
      data: data as never,
    });
  }
  return log.events();
}

/** Every path (list of keys) to a member of `value`, at any depth. */
function memberPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, member]) => [
    [...prefix, key],
    ...memberPaths(member, [...prefix, key]),
  ]);
}

/** A thawed deep copy of `event` with the member at `path` replaced by `replacement` (or deleted). */
function edited(event: RunEvent, path: string[], replacement: unknown): RunEvent {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy as unknown as RunEvent;
}

describe('verifyChain', () => {
  const drafts: Draft[] = [
    { type: 'run.started', data: { run_id: 'run-1', inputs_digest: 'sha256:dd' } },
    { type: 'step.started', step: 'a', data: { kind: 'model', depends_on: [], adapters: ['x'] } },
    { type: 'attempt.started', step: 'a', attempt: 1, data: { adapter: 'x', via: 'first' } },
    { type: 'step.completed', step: 'a', data: { status: 'released' } },
  ];

  it('accepts a valid chain and returns its head and count, also after a JSON round trip', () => {
    const events = chain(drafts);
    const roundTripped = JSON.parse(JSON.stringify(events)) as RunEvent[];
    expect(verifyChain({ header, events })).toEqual({ ok: true, head: events[3]!.hash, count: 4 });
    expect(verifyChain({ header, events: roundTripped })).toEqual({
      ok: true,
      head: events[3]!.hash,
      count: 4,
    });
    expect(verifyChain({ header, events: [] })).toEqual({ ok: true, head: headerDigest(header), count: 0 });
  });

  it('reports a different header at seq 0', () => {
    const events = chain(drafts);
    const result = verifyChain({ header: { ...header, tenant: 'other' }, events });
    expect(result).toMatchObject({ ok: false, reason: 'header_mismatch', seq: 0 });
  });

  it('reports dropped, reordered and duplicated events at the first bad seq', () => {
    const events = chain(drafts);
    const dropped = events.filter((event) => event.seq !== 1);
    expect(verifyChain({ header, events: dropped })).toMatchObject({ ok: false, reason: 'seq_gap', seq: 1 });
    expect(verifyChain({ header, events: events.slice(1) })).toMatchObject({
      ok: false,
      reason: 'seq_gap',
      seq: 0,
    });
    const reordered = [events[0]!, events[2]!, events[1]!, events[3]!];
    expect(verifyChain({ header, events: reordered })).toMatchObject({
      ok: false,
      reason: 'seq_gap',
      seq: 1,
    });
    const duplicated = [events[0]!, events[1]!, events[1]!, events[2]!, events[3]!];
    expect(verifyChain({ header, events: duplicated })).toMatchObject({
      ok: false,
      reason: 'seq_gap',
      seq: 2,
    });
  });

  it('reports an inserted, correctly sealed event at the first event after it', () => {
    const events = chain(drafts);
    const forged = sealEvent({
      ...events[2]!,
      data: { status: 'released' },
      type: 'step.completed' as const,
    });
    const renumbered = events.slice(2).map((event) => ({ ...event, seq: event.seq + 1 }));
    const inserted = [events[0]!, events[1]!, forged, ...renumbered];
    expect(verifyChain({ header, events: inserted })).toMatchObject({
      ok: false,
      reason: 'prev_mismatch',
      seq: 3,
    });
  });

  it('detects dropped trailing events only through the head and count it returns', () => {
    const events = chain(drafts);
    const truncated = verifyChain({ header, events: events.slice(0, 3) });
    expect(truncated).toEqual({ ok: true, head: events[2]!.hash, count: 3 });
    expect(truncated.ok && truncated.head).not.toBe(events[3]!.hash);
  });

  it('reports entries that are not events or not plain JSON as malformed', () => {
    const events = chain(drafts) as unknown[];
    expect(verifyChain({ header, events: [null] as never })).toMatchObject({
      ok: false,
      reason: 'malformed',
      seq: 0,
    });
    const withNaN = edited(events[1] as RunEvent, ['data', 'kind'], Number.NaN);
    expect(verifyChain({ header, events: [events[0], withNaN] as never })).toMatchObject({
      ok: false,
      reason: 'malformed',
      seq: 1,
    });
  });

  it('fails at the edited event when any member of any event is changed, added or deleted', () => {
    const scenario = fc.array(draft, { minLength: 1, maxLength: 6 }).chain((list) => {
      const events = chain(list);
      return fc.record({
        events: fc.constant(events),
        index: fc.nat({ max: events.length - 1 }),
        pick: fc.nat(),
        replacement: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        newKey: fc.string({ minLength: 1, maxLength: 4 }),
      });
    });
    fc.assert(
      fc.property(scenario, ({ events, index, pick, replacement, newKey }) => {
        const target = events[index]!;
        const paths = memberPaths(target);
        // Either change or delete an existing member, or add a member under `data`.
        const path =
          pick % (paths.length + 1) === paths.length ? ['data', `+${newKey}`] : paths[pick % paths.length]!;
        const changed = edited(target, path, path[1]?.startsWith('+') ? (replacement ?? null) : replacement);
        fc.pre(canonicalJson(changed) !== canonicalJson(target));
        const tampered = events.map((event, at) => (at === index ? changed : event));
        const result = verifyChain({ header, events: tampered });
        expect(result.ok).toBe(false);
        expect(!result.ok && result.seq).toBe(index);
      }),
      { numRuns: 600 },
    );
  });
});
