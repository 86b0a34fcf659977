import { type ReactNode, useEffect, useState } from 'react';
import { type ApiError, asApiError } from '../api/client.js';

/** Where an API read stands. */
export type Fetched<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; value: T };

/**
 * Runs `load` whenever `key` changes, aborting the previous read, and reports where it stands. The key is
 * what the read depends on (a run id, a query string), so a stale reply never overwrites a newer one.
 */
export function useFetched<T>(options: {
  key: string;
  load: (signal: AbortSignal) => Promise<T>;
}): Fetched<T> {
  const [fetched, setFetched] = useState<Fetched<T>>({ state: 'loading' });
  const { key, load } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads.
  useEffect(() => {
    const controller = new AbortController();
    setFetched({ state: 'loading' });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setFetched({ state: 'ready', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFetched({ state: 'error', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key]);
  return fetched;
}

/** An API failure with the server's error code, announced to screen readers. */
export function ApiErrorBox(props: { error: ApiError; what: string }): ReactNode {
  const { error, what } = props;
  const issues = (error.details?.issues as Array<{ path?: string; message?: string }> | undefined) ?? [];
  return (
    <div className="error-box" role="alert">
      <p>
        Could not load {what}: <code>{error.code}</code> {error.message}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
