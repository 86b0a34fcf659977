import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyedState } from './useKeyedState.js';

afterEach(cleanup);

let setLatest: ((next: string | ((previous: string) => string)) => void) | undefined;

function Probe(props: { k: string }): ReactNode {
  const [value, setValue] = useKeyedState({ key: props.k, initial: () => `start ${props.k}` });
  setLatest = setValue;
  return <output>{value}</output>;
}

describe('useKeyedState', () => {
  it('keeps what was set while the key stays, and starts over in the same render when it changes', () => {
    const { rerender } = render(<Probe k="a" />);
    expect(screen.getByRole('status').textContent).toBe('start a');
    act(() => setLatest?.('typed'));
    act(() => setLatest?.((previous) => `${previous}!`));
    rerender(<Probe k="a" />);
    expect(screen.getByRole('status').textContent).toBe('typed!');
    rerender(<Probe k="b" />);
    expect(screen.getByRole('status').textContent).toBe('start b');
    act(() => setLatest?.('typed again'));
    expect(screen.getByRole('status').textContent).toBe('typed again');
  });
});
