import { type BudgetFigures, type ConstraintStatus, isEvent, type RunEventRecord } from '../api/runs.js';

/** A constraint's final status (from `run.completed`) and the last verdict the server recorded for it. */
export interface ConstraintFact {
  step: string;
  id: string;
  /** Undefined while the run has not completed. */
  status: ConstraintStatus | undefined;
  severity?: 'hard' | 'soft';
  kind?: string;
  /** The last `constraint.evaluated` verdict of this constraint, if it was evaluated at all. */
  verdict?: { status: 'pass' | 'fail' | 'error'; message: string; attempt?: number };
  /** How many times it was evaluated (attempts, repairs, degrade paths). */
  evaluations: number;
  waiver?: { reason: string; granted_by: string; expires: string };
}

/** One step: the order it started in, what it depended on, how it ended and what it released. */
export interface StepFact {
  name: string;
  depends_on: string[];
  /** `step.completed` status: released, degraded, stopped, skipped, error. */
  status?: string;
  released: boolean;
  output?: unknown;
  /** Where the released output came from: attempt, repair, degrade, function. */
  source?: string;
  attempts: number;
}

/** One ladder move, with its trigger in words. */
export interface MoveFact {
  step: string;
  strategy: string;
  from: string;
  to: string;
  trigger: string;
}

/** What a run's events say, read once for the views that show or compare runs. */
export interface RunFacts {
  inputs: unknown;
  outcome?: string;
  error?: { code: string; message: string };
  consumed?: BudgetFigures;
  budget?: BudgetFigures;
  /** Sum of known attempt costs; null when some attempt's price is unknown. */
  cost_usd: number | null;
  constraints: ConstraintFact[];
  steps: StepFact[];
  moves: MoveFact[];
  completed: boolean;
}

/** `step/id`, the key of a constraint in a run (`$input` for input checks). */
export function constraintKey(options: { step: string; id: string }): string {
  return `${options.step}/${options.id}`;
}

function describeTrigger(trigger: { constraints?: string[]; error?: string; budget?: string }): string {
  const parts: string[] = [];
  if (trigger.constraints !== undefined && trigger.constraints.length > 0) {
    parts.push(`failed ${trigger.constraints.join(', ')}`);
  }
  if (trigger.error !== undefined) parts.push(`error ${trigger.error}`);
  if (trigger.budget !== undefined) parts.push(`budget ${trigger.budget}`);
  return parts.length === 0 ? 'no trigger recorded' : parts.join('; ');
}

/**
 * Reads a run's events into {@link RunFacts}. Statuses and verdicts are the server's own (from
 * `run.completed` and `constraint.evaluated`); nothing is re-checked in the browser.
 */
export function runFacts(events: readonly RunEventRecord[]): RunFacts {
  const constraints = new Map<string, ConstraintFact>();
  const steps = new Map<string, StepFact>();
  const moves: MoveFact[] = [];
  const facts: RunFacts = {
    inputs: undefined,
    cost_usd: 0,
    constraints: [],
    steps: [],
    moves,
    completed: false,
  };
  const constraint = (step: string, id: string): ConstraintFact => {
    const key = constraintKey({ step, id });
    let fact = constraints.get(key);
    if (fact === undefined) {
      fact = { step, id, status: undefined, evaluations: 0 };
      constraints.set(key, fact);
    }
    return fact;
  };
  const step = (name: string): StepFact => {
    let fact = steps.get(name);
    if (fact === undefined) {
      fact = { name, depends_on: [], released: false, attempts: 0 };
      steps.set(name, fact);
    }
    return fact;
  };
  for (const event of events) {
    const at = event.step ?? '';
    if (isEvent(event, 'run.started')) {
      facts.inputs = event.data.inputs;
      facts.budget = event.data.budget;
    } else if (isEvent(event, 'step.started')) {
      step(at).depends_on = [...(event.data.depends_on ?? [])];
    } else if (isEvent(event, 'attempt.completed')) {
      step(at).attempts += 1;
      const cost = event.data.cost_usd;
      facts.cost_usd = cost === null || facts.cost_usd === null ? null : facts.cost_usd + cost;
    } else if (isEvent(event, 'attempt.failed')) {
      step(at).attempts += 1;
    } else if (isEvent(event, 'constraint.evaluated')) {
      // Input checks are recorded at step `$input`, as `run.completed` lists them.
      const fact = constraint(at === '' ? '$input' : at, event.data.constraint);
      fact.evaluations += 1;
      fact.severity = event.data.severity;
      fact.kind = event.data.kind;
      fact.verdict = {
        status: event.data.verdict.status,
        message: event.data.verdict.message,
        ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
      };
    } else if (isEvent(event, 'waiver.applied')) {
      const { reason, granted_by, expires } = event.data;
      const [owner, id] = splitQualified({ step: at, name: event.data.constraint });
      constraint(owner, id).waiver = { reason, granted_by, expires };
    } else if (isEvent(event, 'recovery.chosen')) {
      const { strategy, from, to, trigger } = event.data;
      moves.push({ step: at, strategy, from, to, trigger: describeTrigger(trigger ?? {}) });
    } else if (isEvent(event, 'output.released')) {
      const fact = step(at);
      fact.released = true;
      fact.output = event.data.output;
      fact.source = event.data.source;
    } else if (isEvent(event, 'step.completed')) {
      step(at).status = event.data.status;
    } else if (isEvent(event, 'run.completed')) {
      facts.completed = true;
      facts.outcome = event.data.outcome;
      facts.consumed = event.data.consumed;
      if (event.data.error !== undefined) facts.error = event.data.error;
      for (const row of event.data.constraints ?? []) constraint(row.step, row.id).status = row.status;
    }
  }
  facts.constraints = [...constraints.values()];
  facts.steps = [...steps.values()];
  return facts;
}

/** A waiver names `step.id` or a bare id; a bare id belongs to the event's step. */
function splitQualified(options: { step: string; name: string }): [string, string] {
  const dot = options.name.indexOf('.');
  if (dot > 0 && options.step === '') return [options.name.slice(0, dot), options.name.slice(dot + 1)];
  if (dot > 0 && options.name.slice(0, dot) === options.step)
    return [options.step, options.name.slice(dot + 1)];
  return [options.step, options.name];
}
