import { describe, expect, it } from 'vitest';
import { NanocodeError } from '../spec/errors.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import { canonicalJson } from './canonical-json.js';
import { digestJson, sha256Hex } from './digest.js';
import { createEventLog } from './event-log.js';
import { headerDigest } from './header-digest.js';

const header: RunHeader = {
  spec: 'nanocode.run/v1',
  run_id: 'run-1',
  tenant: 'acme',
  workflow: { name: 'answer', version: '1.0.0', digest: 'sha256:aa' },
  profile: { name: 'dev', digest: 'sha256:bb' },
  config_digest: 'sha256:cc',
  framework: { name: 'nanocode', version: '0.1.0' },
};

function tickingClock(): () => string {
  let second = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof NanocodeError ? error.code : 'not a NanocodeError';
  }
  return undefined;
}

describe('createEventLog', () => {
  it('chains the first event to the header and each next event to the one before', () => {
    const seen: RunEvent[] = [];
    const log = createEventLog({ header, clock: tickingClock(), onEvent: (event) => seen.push(event) });
    expect(log.head()).toBe(headerDigest(header));
    expect(headerDigest(header)).toBe(`sha256:${sha256Hex(canonicalJson(header))}`);

    const first = log.append({
      type: 'step.started',
      step: 'a',
      data: { kind: 'model', depends_on: [], adapters: ['x'] },
    });
    const second = log.append({ type: 'step.completed', step: 'a', data: { status: 'released' } });

    expect(first).toMatchObject({ seq: 0, ts: '2026-01-01T00:00:00.000Z', prev: headerDigest(header) });
    expect(second).toMatchObject({ seq: 1, ts: '2026-01-01T00:00:01.000Z', prev: first.hash });
    const { hash, ...body } = second;
    expect(hash).toBe(digestJson(body));
    expect(log.head()).toBe(second.hash);
    expect(seen).toEqual([first, second]);
  });

  it('omits absent step and attempt, and keeps what was hashed even if the caller mutates its data', () => {
    const log = createEventLog({ header, clock: tickingClock() });
    const data = { status: 'released' as 'released' | 'error' };
    const event = log.append({ type: 'step.completed', data });
    data.status = 'error';
    expect(Object.keys(event)).not.toContain('step');
    expect(Object.keys(event)).not.toContain('attempt');
    expect(event.data.status).toBe('released');
    expect(Object.isFrozen(event.data)).toBe(true);
  });

  it('returns a copy of the event list', () => {
    const log = createEventLog({ header, clock: tickingClock() });
    log.append({ type: 'step.completed', data: { status: 'released' } });
    log.events().pop();
    expect(log.events()).toHaveLength(1);
  });

  it('refuses data that is not plain JSON', () => {
    const log = createEventLog({ header, clock: tickingClock() });
    const data = { budget: Number.NaN } as never;
    expect(codeOf(() => log.append({ type: 'run.started', data }))).toBe('NC_EVIDENCE_NOT_JSON');
    expect(log.events()).toHaveLength(0);
  });
});

describe('EventLog.appendAt', () => {
  function recorded(): RunEvent[] {
    const log = createEventLog({ header, clock: tickingClock() });
    log.append({ type: 'step.started', step: 'a', data: { kind: 'model', depends_on: [], adapters: ['x'] } });
    log.append({ type: 'step.completed', step: 'a', attempt: 1, data: { status: 'released' } });
    return log.events();
  }

  it('rebuilds a log from sealed events, then accepts identical replays without side effects', () => {
    const events = recorded();
    const seen: RunEvent[] = [];
    const log = createEventLog({ header, clock: tickingClock(), onEvent: (event) => seen.push(event) });
    expect(events.map((event) => log.appendAt(event).appended)).toEqual([true, true]);
    expect(log.appendAt(structuredClone(events[0]!)).appended).toBe(false);
    expect(log.appendAt(events[1]!).appended).toBe(false);
    expect(seen).toHaveLength(2);
    expect(log.head()).toBe(events[1]!.hash);
  });

  it('refuses a different event at an existing seq, a broken link, a wrong hash and a seq past the end', () => {
    const events = recorded();
    const log = createEventLog({ header, clock: tickingClock() });
    log.appendAt(events[0]!);
    const changed = { ...events[0]!, ts: '2030-01-01T00:00:00.000Z' };
    expect(codeOf(() => log.appendAt(changed))).toBe('NC_EVIDENCE_CHAIN_BROKEN');
    expect(codeOf(() => log.appendAt({ ...events[1]!, prev: 'sha256:00' }))).toBe('NC_EVIDENCE_CHAIN_BROKEN');
    expect(codeOf(() => log.appendAt({ ...events[1]!, step: 'b' }))).toBe('NC_EVIDENCE_CHAIN_BROKEN');
    expect(codeOf(() => log.appendAt({ ...events[1]!, seq: 5 }))).toBe('NC_EVIDENCE_SEQ');
    expect(log.events()).toHaveLength(1);
    expect(log.appendAt(events[1]!).appended).toBe(true);
  });
});
