import { NanocodeError } from '../spec/errors.js';
import type { EventData, EventType, RunEvent, RunHeader } from '../spec/events.js';
import { canonicalJson } from './canonical-json.js';
import { headerDigest } from './header-digest.js';
import { sealEvent } from './seal-event.js';
import { sealOwnedEvent } from './seal-owned-event.js';

/** What a caller appends: the log assigns `seq`, `ts`, `prev` and `hash`. */
export interface EventInput<T extends EventType> {
  type: T;
  step?: string;
  attempt?: number;
  data: EventData[T];
}

/** The result of {@link EventLog.appendAt}. */
export interface AppendAtResult {
  event: RunEvent;
  /** False when an identical event was already stored at that seq (a replayed append). */
  appended: boolean;
}

/** A run's append-only, hash-chained event log (DESIGN.md §4). */
export interface EventLog {
  /** Seals and appends an event. Throws `NC_EVIDENCE_NOT_JSON` if `data` is not plain JSON. */
  append<T extends EventType>(event: EventInput<T>): RunEvent<T>;
  /**
   * Appends an already-sealed event, idempotently on its seq (for durable replay). An event identical to
   * the one stored at its seq is accepted without change. A different event at an existing seq, an event
   * whose `prev` or `hash` does not chain, throws `NC_EVIDENCE_CHAIN_BROKEN`; a seq past the end throws
   * `NC_EVIDENCE_SEQ`.
   */
  appendAt(event: RunEvent): AppendAtResult;
  /** A copy of the list of events (the events themselves are frozen). */
  events(): RunEvent[];
  /** The hash of the last event, or the header digest while the log is empty. */
  head(): string;
}

/** Options for {@link createEventLog}. */
export interface EventLogOptions {
  header: RunHeader;
  /** Returns the current time as an ISO-8601 UTC string; the runner passes its effects clock. */
  clock: () => string;
  /** Called once for every newly appended event (not for replayed duplicates). Must not throw. */
  onEvent?: (event: RunEvent) => void;
  /**
   * `copy` (the default) stores a deep-frozen copy of each event's data, so later edits to the caller's
   * objects cannot reach it. `transfer` stores the caller's data as is, for callers that build fresh
   * data per event and never touch it again (the runner): it skips the copy, which is most of the cost
   * of an append.
   */
  ownership?: 'copy' | 'transfer';
}

/** Creates an empty event log whose first event chains to `headerDigest(header)`. */
export function createEventLog(options: EventLogOptions): EventLog {
  const stored: RunEvent[] = [];
  let head: string = headerDigest(options.header);

  function push(event: RunEvent): void {
    stored.push(event);
    head = event.hash;
    options.onEvent?.(event);
  }

  return {
    append<T extends EventType>(input: EventInput<T>): RunEvent<T> {
      const seal = options.ownership === 'transfer' ? sealOwnedEvent<T> : sealEvent<T>;
      const event = seal({
        seq: stored.length,
        ts: options.clock(),
        type: input.type,
        ...(input.step === undefined ? {} : { step: input.step }),
        ...(input.attempt === undefined ? {} : { attempt: input.attempt }),
        data: input.data,
        prev: head,
      });
      push(event);
      return event;
    },

    appendAt(event: RunEvent): AppendAtResult {
      const { seq } = event;
      if (!Number.isSafeInteger(seq) || seq < 0 || seq > stored.length) {
        throw new NanocodeError({
          code: 'NC_EVIDENCE_SEQ',
          message: `Cannot append event seq ${seq}: the log holds ${stored.length} events.`,
          details: { seq, count: stored.length },
        });
      }
      const existing = stored[seq];
      if (existing !== undefined) {
        if (canonicalJson(existing) === canonicalJson(event)) return { event: existing, appended: false };
        throw chainBroken(seq, 'differs from the event already stored at that seq');
      }
      if (event.prev !== head) throw chainBroken(seq, `has prev ${event.prev}, expected ${head}`);
      const { hash, ...body } = event;
      const sealed = sealEvent(body);
      if (sealed.hash !== hash) {
        throw chainBroken(seq, `has hash ${hash}, but its content hashes to ${sealed.hash}`);
      }
      push(sealed);
      return { event: sealed, appended: true };
    },

    events: () => [...stored],
    head: () => head,
  };
}

function chainBroken(seq: number, reason: string): NanocodeError {
  return new NanocodeError({
    code: 'NC_EVIDENCE_CHAIN_BROKEN',
    message: `Event seq ${seq} ${reason}.`,
    details: { seq },
  });
}
