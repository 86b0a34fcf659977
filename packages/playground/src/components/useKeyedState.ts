import { useState } from 'react';

/**
 * State that starts over from `initial()` whenever `key` changes: the filters a form was made from, the
 * inputs a workflow declares. It starts over while rendering, not in an effect, so nothing set between
 * a render and its effects (a value typed as a form appears) is undone.
 */
export function useKeyedState<S>(options: {
  key: string;
  initial: () => S;
}): [S, (next: S | ((previous: S) => S)) => void] {
  const [state, setState] = useState(() => ({ key: options.key, value: options.initial() }));
  let current = state;
  if (state.key !== options.key) {
    current = { key: options.key, value: options.initial() };
    setState(current);
  }
  const { key } = current;
  const set = (next: S | ((previous: S) => S)): void =>
    setState((previous) => ({
      key,
      value: typeof next === 'function' ? (next as (previous: S) => S)(previous.value) : next,
    }));
  return [current.value, set];
}
