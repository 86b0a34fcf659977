import { useCallback, useEffect, useState } from 'react';
import { type ApiError, asApiError } from '../api/client.js';
import { getRunDocument } from '../api/run-document.js';
import { followRunEvents } from '../api/run-events.js';
import type { RunDocument } from '../api/types.js';
import type { RunEvent } from '../model/events.js';

/** Where following a run stands. */
export type FeedPhase = 'loading' | 'live' | 'finished' | 'lost' | 'failed';

/** What {@link useRunFeed} gives a view. */
export interface RunFeed {
  phase: FeedPhase;
  /** The run document: from the first load, replaced by the stored one once the run has finished. */
  document?: RunDocument;
  events: RunEvent[];
  /** Why the run could not be loaded (`failed`), or why following it stopped (`lost`, when known). */
  error?: ApiError;
  /** Starts following again after the stream was lost. */
  retry(): void;
}

/**
 * A run's events: a certified run's from `GET /api/runs/{id}`; any other's from there and then live over
 * SSE until the stream closes after `run.completed` (the run is then stored and certified), after which
 * the stored document, with its certificate, is loaded again.
 */
export function useRunFeed(runId: string): RunFeed {
  const [phase, setPhase] = useState<FeedPhase>('loading');
  const [document, setDocument] = useState<RunDocument | undefined>();
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [error, setError] = useState<ApiError | undefined>();
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` is how retry() starts over
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setPhase('loading');
    setError(undefined);
    (async () => {
      const first = await getRunDocument({ runId, signal });
      if (signal.aborted) return;
      setDocument(first);
      setEvents(first.events);
      if (first.certificate !== null) {
        setPhase('finished');
        return;
      }
      // Running, or stored but still being certified (the server stores the events before it signs):
      // either way the event stream closes only once the run is stored and certified.
      setPhase('live');
      let end: Awaited<ReturnType<typeof followRunEvents>>;
      try {
        end = await followRunEvents({
          runId,
          signal,
          after: first.events.at(-1)?.seq ?? -1,
          alreadyCompleted: first.events.some((event) => event.type === 'run.completed'),
          // One new array per chunk read, not per event.
          onEvents: (batch) => setEvents((previous) => [...previous, ...batch]),
        });
      } catch (caught) {
        if (signal.aborted) return;
        // What arrived stays shown; the reason comes with the offer to follow again.
        setError(asApiError(caught));
        setPhase('lost');
        return;
      }
      if (signal.aborted) return;
      if (end !== 'completed') {
        setPhase('lost');
        return;
      }
      const stored = await getRunDocument({ runId, signal });
      if (signal.aborted) return;
      setDocument(stored);
      setEvents(stored.events);
      setPhase('finished');
    })().catch((caught: unknown) => {
      if (signal.aborted) return;
      setError(asApiError(caught));
      setPhase('failed');
    });
    return () => controller.abort();
  }, [runId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    phase,
    events,
    retry,
    ...(document === undefined ? {} : { document }),
    ...(error === undefined ? {} : { error }),
  };
}
