import { type ReactNode, useId, useMemo } from 'react';
import type { Route } from '../router.js';
import { ApiErrorBox, useFetched } from './RunsFetch.js';

/** Two of a kind, `a` and `b`, as the address names them and as loaded. */
export interface Pair<T> {
  a: T;
  b: T;
}

/**
 * The page of a comparison of two things the address names (`?a=<id>&b=<id>`): how to pick two when it
 * names none; else both loaded together, a status line saying what the comparison found, the server's
 * error if a load failed, and then `children` with the pair, their ids and the comparison.
 */
export function ComparePage<T, C>(props: {
  route: Route;
  title: string;
  testId: string;
  /** What is compared, plural (`runs`). */
  noun: string;
  /** Says how to pick two, when the address names none. */
  pick: ReactNode;
  load: (options: { id: string; signal: AbortSignal }) => Promise<T>;
  /** Compares a loaded pair; a function that stays the same between renders. */
  compare: (pair: Pair<T>) => C;
  /** The status line once compared. */
  status: (comparison: C) => string;
  children: (compared: { ids: Pair<string>; pair: Pair<T>; comparison: C }) => ReactNode;
}): ReactNode {
  const { route, load, compare } = props;
  const titleId = useId();
  const ids = { a: route.query.get('a') ?? '', b: route.query.get('b') ?? '' };
  const named = ids.a !== '' && ids.b !== '';
  const fetched = useFetched({
    key: `${ids.a}\n${ids.b}`,
    load: async (signal): Promise<Pair<T> | undefined> => {
      if (!named) return undefined;
      const [a, b] = await Promise.all([load({ id: ids.a, signal }), load({ id: ids.b, signal })]);
      return { a, b };
    },
  });
  const pair = fetched.state === 'ready' ? fetched.value : undefined;
  const comparison = useMemo(() => (pair === undefined ? undefined : compare(pair)), [pair, compare]);
  const title = <h1 id={titleId}>{props.title}</h1>;
  if (!named) {
    return (
      <section aria-labelledby={titleId}>
        {title}
        <p className="empty">{props.pick}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={titleId} data-testid={props.testId}>
      {title}
      <p role="status" aria-live="polite">
        {fetched.state === 'loading' && `Loading both ${props.noun}…`}
        {comparison !== undefined && props.status(comparison)}
      </p>
      {fetched.state === 'error' && (
        <ApiErrorBox error={fetched.error} what={`the ${props.noun} to compare`} onRetry={fetched.retry} />
      )}
      {pair !== undefined && comparison !== undefined && props.children({ ids, pair, comparison })}
    </section>
  );
}
