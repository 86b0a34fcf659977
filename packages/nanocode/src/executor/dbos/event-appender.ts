import { NanocodeError } from '../../spec/errors.js';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import type { RunStore } from '../../spec/store.js';

/** Writes a run's events to the store as the runner emits them, in order, in batches. */
export interface EventAppender {
  /** Queues an event (the runner's `onEvent`); never throws. */
  push(event: RunEvent): void;
  /**
   * Waits until every queued event is stored. Rejects with `NC_EXEC_EVENT_CONFLICT` when the store holds
   * a different event at one of the seqs (a replay that diverged), or with the store's error when it
   * kept failing.
   */
  flush(): Promise<void>;
  /** Stops writing for good: this execution lost the run to another, and must not write what follows. */
  halt(): void;
  /** Keeps events queued without writing them, until {@link EventAppender.release} or `halt`. */
  hold(): void;
  /** Writes what was held, and what follows. */
  release(): void;
}

/** How often a failing store write is tried before the appender gives up, and the first pause. */
const TRIES = 5;
const FIRST_PAUSE_MS = 100;
/** Events are gathered this long before a write, so a run costs a few transactions, not one per event. */
const DEFAULT_BATCH_MS = 25;

/**
 * Creates the appender of one execution of a run. The run is created (idempotently) before its first
 * events. Appends are idempotent on `(run_id, seq)`, so an execution that resumes a run writes the
 * events it re-derives again as no-ops and continues the log where it stops. A different event at a
 * stored seq is a loud error: the appender stops, and {@link EventAppender.flush} reports it.
 */
export function createEventAppender(options: {
  store: RunStore;
  header: RunHeader;
  /** How long events are gathered before a write (default 25 ms). */
  batchMs?: number;
}): EventAppender {
  const { store, header } = options;
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  let timer: NodeJS.Timeout | undefined;
  const queue: RunEvent[] = [];
  let created = false;
  let halted = false;
  let held = false;
  let failure: unknown;
  let writing: Promise<void> | undefined;

  const writeOnce = async (batch: RunEvent[]): Promise<void> => {
    if (!created) {
      await store.createRun({ header, started_at: (batch[0] as RunEvent).ts });
      created = true;
    }
    await store.appendEvents({ run_id: header.run_id, events: batch });
  };

  const write = async (batch: RunEvent[]): Promise<void> => {
    for (let tries = 1; ; tries += 1) {
      try {
        await writeOnce(batch);
        return;
      } catch (error) {
        if (error instanceof NanocodeError && error.code === 'NC_STORE_CONFLICT') {
          throw new NanocodeError({
            code: 'NC_EXEC_EVENT_CONFLICT',
            message: `run ${header.run_id}: ${error.message}; this execution derived different events from the stored ones`,
            cause: error,
          });
        }
        if ((error instanceof NanocodeError && error.code === 'NC_STORE_SEQ') || tries >= TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, FIRST_PAUSE_MS * 2 ** (tries - 1)));
      }
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0 && !halted && !held && failure === undefined) {
      const batch = queue.splice(0, queue.length);
      try {
        await write(batch);
      } catch (error) {
        failure = error;
        halted = true;
      }
    }
  };

  const kick = (): Promise<void> => {
    writing ??= drain().finally(() => {
      writing = undefined;
      if (queue.length > 0 && !halted && !held) schedule();
    });
    return writing;
  };
  const schedule = (): void => {
    if (timer !== undefined || writing !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void kick();
    }, batchMs);
  };

  return {
    push(event) {
      if (halted) return;
      queue.push(event);
      if (!held) schedule();
    },
    async flush() {
      if (held) throw new Error('flush() while the appender holds its events');
      clearTimeout(timer);
      timer = undefined;
      while (writing !== undefined || (queue.length > 0 && !halted)) await kick();
      if (failure !== undefined) throw failure;
    },
    halt() {
      halted = true;
      held = false;
      queue.length = 0;
      clearTimeout(timer);
      timer = undefined;
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
      if (!halted) schedule();
    },
  };
}
