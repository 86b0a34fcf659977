import { derivePredicate } from '../evidence/predicate-from-events.js';
import type { RunEvent, RunHeader } from '../spec/events.js';

/** One side of a comparison: a run's header and events. */
export interface ComparedRun {
  header: RunHeader;
  events: readonly RunEvent[];
}

/** What {@link compareRuns} found: counts of what matched, and readable differences (empty = reproduced). */
export interface RunComparison {
  verdicts: number;
  moves: number;
  differences: string[];
}

/** Predicate fields that differ between any two runs by nature: identity and wall-clock. */
const VOLATILE = new Set(['run_id', 'started_at', 'finished_at', 'budget.consumed.time_ms', 'events']);
const MAX_PREDICATE_DIFFERENCES = 20;

/**
 * Compares a replayed run with the recorded one: every constraint verdict (by step, attempt, constraint
 * and what was checked), every ladder move (by step, in order), then the certificate predicate with run
 * id, timestamps, time consumed and the event digests (which hash timestamps) set aside.
 */
export function compareRuns(options: { recorded: ComparedRun; replayed: ComparedRun }): RunComparison {
  const { recorded, replayed } = options;
  const differences: string[] = [];
  const verdicts = compareKeyed({
    recorded: verdictsOf(recorded.events),
    replayed: verdictsOf(replayed.events),
    differences,
  });
  const moves = compareKeyed({
    recorded: movesOf(recorded.events),
    replayed: movesOf(replayed.events),
    differences,
  });
  const a = derivePredicate({ header: recorded.header, events: recorded.events });
  const b = derivePredicate({ header: replayed.header, events: replayed.events });
  if (!a.ok || !b.ok) {
    differences.push(`predicate: cannot rebuild the ${a.ok ? 'replayed' : 'recorded'} run's summary`);
  } else {
    const found: string[] = [];
    diffValues({ path: '', recorded: a.predicate, replayed: b.predicate, found });
    differences.push(...found.slice(0, MAX_PREDICATE_DIFFERENCES));
    if (found.length > MAX_PREDICATE_DIFFERENCES) {
      differences.push(`predicate: ${found.length - MAX_PREDICATE_DIFFERENCES} more differences`);
    }
  }
  return { verdicts, moves, differences };
}

/** `step answer attempt 1 constraint short` → `pass`, for every `constraint.evaluated`. */
function verdictsOf(events: readonly RunEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'constraint.evaluated') continue;
    const data = (event as RunEvent<'constraint.evaluated'>).data;
    const on = data.target === 'attempt' || data.target === 'input' ? '' : ` (${data.target})`;
    const where = event.attempt === undefined ? '' : ` attempt ${event.attempt}`;
    const base = `step ${event.step ?? '$input'}${where} constraint ${data.constraint}${on}`;
    out.set(uniqueKey(out, base), data.verdict.status);
  }
  return out;
}

/** `step answer move 2` → `retry scripted:a → scripted:a`, for every `recovery.chosen`. */
function movesOf(events: readonly RunEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.type !== 'recovery.chosen') continue;
    const data = (event as RunEvent<'recovery.chosen'>).data;
    const step = event.step ?? '';
    const n = (counts.get(step) ?? 0) + 1;
    counts.set(step, n);
    out.set(`step ${step} ladder move ${n}`, `${data.strategy} ${data.from} → ${data.to}`);
  }
  return out;
}

function uniqueKey(map: Map<string, string>, base: string): string {
  let key = base;
  for (let n = 2; map.has(key); n += 1) key = `${base} #${n}`;
  return key;
}

function compareKeyed(options: {
  recorded: Map<string, string>;
  replayed: Map<string, string>;
  differences: string[];
}): number {
  const { recorded, replayed, differences } = options;
  let same = 0;
  for (const key of new Set([...recorded.keys(), ...replayed.keys()])) {
    const a = recorded.get(key) ?? '(none)';
    const b = replayed.get(key) ?? '(none)';
    if (a === b) same += 1;
    else differences.push(`${key}: recorded ${a}, replayed ${b}`);
  }
  return same;
}

function diffValues(options: { path: string; recorded: unknown; replayed: unknown; found: string[] }): void {
  const { path, recorded, replayed, found } = options;
  if (VOLATILE.has(path)) return;
  if (isObject(recorded) && isObject(replayed)) {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(replayed)])) {
      const child = path === '' ? key : `${path}.${key}`;
      diffValues({ path: child, recorded: recorded[key], replayed: replayed[key], found });
    }
    return;
  }
  if (JSON.stringify(recorded) !== JSON.stringify(replayed)) {
    found.push(`predicate ${path}: recorded ${show(recorded)}, replayed ${show(replayed)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}
