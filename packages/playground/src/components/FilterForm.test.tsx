import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { EvalFilterForm } from './EvalFilterForm.js';

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  cleanup();
});

describe('filter forms', () => {
  it('keeps the draft while the applied filters stay the same, and starts over when they change', () => {
    const container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
    act(() => root?.render(<EvalFilterForm filters={{}} constraints={[]} onApply={() => undefined} />));
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'error' } });
    // The same filters again (a new object): the draft stays.
    act(() => root?.render(<EvalFilterForm filters={{}} constraints={[]} onApply={() => undefined} />));
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('error');
    act(() =>
      root?.render(
        <EvalFilterForm filters={{ outcome: 'stopped' }} constraints={[]} onApply={() => undefined} />,
      ),
    );
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('stopped');
  });
});
