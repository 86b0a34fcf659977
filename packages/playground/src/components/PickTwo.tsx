import { type ReactNode, useId, useState } from 'react';
import type { Pair } from './ComparePage.js';

/** A short, still unique-looking form of an id for labels (`5d5205df`). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Rows ticked for a comparison: at most two, in the order ticked (the first is A, the second B). */
export function usePickTwo(): { selected: string[]; toggle: (id: string) => void; clear: () => void } {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string): void =>
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2),
    );
  return { selected, toggle, clear: () => setSelected([]) };
}

/** The checkbox cell that ticks a row for comparison; the others are disabled while two are ticked. */
export function PickCell(props: {
  id: string;
  selected: readonly string[];
  onToggle: (id: string) => void;
  label: string;
  testId: string;
}): ReactNode {
  const checked = props.selected.includes(props.id);
  return (
    <td>
      <input
        type="checkbox"
        checked={checked}
        disabled={props.selected.length >= 2 && !checked}
        onChange={() => props.onToggle(props.id)}
        aria-label={props.label}
        data-testid={props.testId}
      />
    </td>
  );
}

/** The Compare button, what is ticked (which is A and which B), and a way to untick everything. */
export function PickTwoBar(props: {
  selected: readonly string[];
  /** What is picked, plural (`runs`). */
  noun: string;
  testId: string;
  onCompare: (pair: Pair<string>) => void;
  onClear: () => void;
}): ReactNode {
  const { selected, noun } = props;
  const selectionId = useId();
  const [a, b] = selected;
  return (
    <div className="actions">
      <button
        type="button"
        disabled={a === undefined || b === undefined}
        data-testid={props.testId}
        aria-describedby={selectionId}
        onClick={() => {
          if (a !== undefined && b !== undefined) props.onCompare({ a, b });
        }}
      >
        Compare selected {noun}
      </button>
      <span id={selectionId} className="muted">
        {a === undefined && `Tick two ${noun} to compare them.`}
        {a !== undefined && b === undefined && `Selected ${shortId(a)}; tick one more.`}
        {a !== undefined &&
          b !== undefined &&
          `Selected ${shortId(a)} (A) and ${shortId(b)} (B); untick one to pick another.`}
      </span>
      {a !== undefined && (
        <button type="button" className="secondary" onClick={props.onClear}>
          Clear selection
        </button>
      )}
    </div>
  );
}
