import type { RunEvent } from '../spec/events.js';

/** A `constraint.evaluated` event. */
export type EvaluatedEvent = RunEvent<'constraint.evaluated'>;

/** The evaluations a run's final statuses rest on. */
export interface RunEvaluations {
  /** Per step, the evaluations of the output it released, by constraint id (`$input` for the input checks). */
  released: Map<string, Map<string, EvaluatedEvent>>;
  /** The last evaluation of each constraint, keyed by {@link evaluationKey}. */
  last: Map<string, EvaluatedEvent>;
  waivers: RunEvent<'waiver.applied'>[];
  /** Steps whose output reached the caller before its checks (pass-through streaming). */
  releasedBeforeChecks: Set<string>;
}

/** The map key of one constraint of one step. */
export function evaluationKey(step: string, id: string): string {
  return `${step}\u0000${id}`;
}

interface Batch {
  key: string;
  entries: Map<string, EvaluatedEvent>;
  open: boolean;
}

/**
 * Finds the evaluations of each released output. The runner emits one output's evaluations back to back
 * and releases that output before the step emits anything else, so the released batch is the run of
 * `constraint.evaluated` events of the step (same attempt and target) that the step's `output.released`
 * directly follows. Any other event of the step in between (a ladder move, a new attempt) means the
 * output came from elsewhere, such as a degrade step, whose own release carries its evaluations.
 */
export function collectEvaluations(events: readonly RunEvent[]): RunEvaluations {
  const released = new Map<string, Map<string, EvaluatedEvent>>();
  const last = new Map<string, EvaluatedEvent>();
  const waivers: RunEvent<'waiver.applied'>[] = [];
  const releasedBeforeChecks = new Set<string>();
  const current = new Map<string, Batch>();
  for (const event of events) {
    if (event.type === 'waiver.applied') {
      // A waiver is recorded alongside the evaluations it covers; it does not end the batch.
      waivers.push(event as RunEvent<'waiver.applied'>);
      continue;
    }
    const { step } = event;
    if (step === undefined) continue;
    if (event.type === 'constraint.evaluated') {
      const evaluated = event as EvaluatedEvent;
      const id = evaluated.data.constraint;
      last.set(evaluationKey(step, id), evaluated);
      const key = `${evaluated.attempt}\u0000${evaluated.data.target}`;
      const batch = current.get(step);
      if (batch?.open && batch.key === key && !batch.entries.has(id)) batch.entries.set(id, evaluated);
      else current.set(step, { key, entries: new Map([[id, evaluated]]), open: true });
    } else if (event.type === 'output.released') {
      const batch = current.get(step);
      released.set(step, batch?.open ? batch.entries : new Map());
      if ((event as RunEvent<'output.released'>).data.checked === 'after_release')
        releasedBeforeChecks.add(step);
      current.delete(step);
    } else {
      const batch = current.get(step);
      if (batch) batch.open = false;
    }
  }
  // Input checks release nothing: their one batch is what the `$input` statuses rest on.
  const input = current.get('$input');
  if (input) released.set('$input', input.entries);
  return { released, last, waivers, releasedBeforeChecks };
}

/** The `waiver.applied` event that covers constraint `id` of `step`, if any. */
export function waiverFor(options: {
  evaluations: RunEvaluations;
  step: string;
  id: string;
}): RunEvent<'waiver.applied'> | undefined {
  const { step, id } = options;
  return options.evaluations.waivers.find(
    (w) =>
      (w.step === undefined || w.step === step) &&
      (w.data.constraint === id || w.data.constraint === `${step}.${id}`),
  );
}
