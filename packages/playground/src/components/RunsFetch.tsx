import { type ReactNode, useEffect, useState } from 'react';
import { type ApiError, asApiError } from '../api/client.js';
import { href } from '../router.js';

/** Where an API read stands; a failed one can be tried again. */
export type Fetched<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError; retry: () => void }
  | { state: 'ready'; value: T };

/**
 * Runs `load` whenever `key` changes (or a failed read is tried again), aborting the previous read, and
 * reports where it stands. The key is what the read depends on (a run id, a query string), so a stale
 * reply never overwrites a newer one.
 */
export function useFetched<T>(options: {
  key: string;
  load: (signal: AbortSignal) => Promise<T>;
}): Fetched<T> {
  const [fetched, setFetched] = useState<Fetched<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { key, load } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads; a new `attempt` reads again.
  useEffect(() => {
    const controller = new AbortController();
    setFetched({ state: 'loading' });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setFetched({ state: 'ready', value });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFetched({ state: 'error', error: asApiError(error), retry: () => setAttempt((n) => n + 1) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  return fetched;
}

/**
 * An API failure with the server's error code, announced to screen readers: the problems it points at,
 * a way to Settings when the server wants an API key, and Try again when `onRetry` is given.
 */
export function ApiErrorBox(props: { error: ApiError; what: string; onRetry?: () => void }): ReactNode {
  const { error, what } = props;
  const issues = (error.details?.issues as Array<{ path?: string; message?: string }> | undefined) ?? [];
  return (
    <div className="error-box" role="alert">
      <p>
        Could not load {what}: <code>{error.code}</code>: {error.message}
        {error.status === 401 ? (
          <>
            {' '}
            Set an API key in <a href={href(['settings'])}>Settings</a>.
          </>
        ) : null}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share a path and message
            <li key={index}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {props.onRetry === undefined ? null : (
        <button type="button" className="secondary" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
