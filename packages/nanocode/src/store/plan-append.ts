import { canonicalJson } from '../evidence/canonical-json.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunEvent } from '../spec/events.js';

/** An event to insert, with its stored body: the canonical JSON of the event exactly as sealed. */
export interface PlannedEvent {
  event: RunEvent;
  body: string;
}

/** Options for {@link planAppend}. */
export interface PlanAppendOptions {
  run_id: string;
  /** How many events the run holds now (seqs `0 .. count-1`). */
  count: number;
  /** The stored body at a seq below `count`. */
  bodyAt: (seq: number) => string | undefined;
  events: readonly RunEvent[];
}

/**
 * Decides which events of a batch are new, so every store applies the same idempotency rules: an event
 * already stored byte-identically is skipped, a different one at a stored seq throws `NC_STORE_CONFLICT`,
 * and a new event must continue the sequence or it throws `NC_STORE_SEQ`. Nothing is written here, so a
 * store can apply the plan in one transaction and a bad batch leaves no trace.
 */
export function planAppend(options: PlanAppendOptions): PlannedEvent[] {
  const { run_id, count } = options;
  const planned: PlannedEvent[] = [];
  for (const event of options.events) {
    const seq = event.seq;
    const next = count + planned.length;
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw new NanocodeError({
        code: 'NC_STORE_SEQ',
        message: `run ${run_id}: event seq ${JSON.stringify(seq)} is not a non-negative integer`,
        details: { run_id },
      });
    }
    const body = canonicalJson(event);
    if (seq < count) {
      if (options.bodyAt(seq) !== body) {
        throw new NanocodeError({
          code: 'NC_STORE_CONFLICT',
          message: `run ${run_id}: a different event is already stored at seq ${seq}`,
          details: { run_id, seq },
        });
      }
      continue;
    }
    if (seq !== next) {
      throw new NanocodeError({
        code: 'NC_STORE_SEQ',
        message: `run ${run_id}: event seq ${seq} does not continue the log (expected ${next})`,
        details: { run_id, seq, expected: next },
      });
    }
    planned.push({ event, body });
  }
  return planned;
}
