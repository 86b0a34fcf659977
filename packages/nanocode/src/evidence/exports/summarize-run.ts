import type {
  BudgetConsumed,
  BudgetLimits,
  EventData,
  EventType,
  RunEvent,
  RunHeader,
} from '../../spec/events.js';
import type { ConstraintStatus, RunOutcome } from '../../spec/outcome.js';
import type { Verdict } from '../../spec/verdict.js';

/** What every export reads: a run's header and stored events, plus an optional verification result. */
export interface ExportInput {
  header: RunHeader;
  events: readonly RunEvent[];
  /** The result of verifying the run's certificate, when the caller verified it. */
  verification?: { ok: boolean; message: string };
}

/** One declared constraint with its final status, joined with how it was declared and last judged. */
export interface ConstraintRow {
  step: string;
  id: string;
  status: ConstraintStatus;
  /** Unknown when the constraint was never evaluated (e.g. its step never ran). */
  kind: string | undefined;
  severity: 'hard' | 'soft' | undefined;
  /** The last verdict on this constraint in this step: the one on the released output, if any. */
  last: { verdict: Verdict; seq: number; target: EventData['constraint.evaluated']['target'] } | undefined;
  /** Every `constraint.evaluated` seq for this constraint in this step. */
  evaluations: number[];
  waiver: EventData['waiver.applied'] | undefined;
}

/** One adapter (or function) call, from `attempt.started` to its `attempt.completed` or `attempt.failed`. */
export interface AttemptRow {
  step: string;
  attempt: number;
  adapter: string;
  via: EventData['attempt.started']['via'];
  /** True for a function step's call, which is not a model call. */
  isFunction: boolean;
  started: RunEvent<'attempt.started'>;
  completed: RunEvent<'attempt.completed'> | undefined;
  failed: RunEvent<'attempt.failed'> | undefined;
}

/** Usage per adapter and model across the run. */
export interface ModelRow {
  adapter: string;
  model: string;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** Everything the exports show, derived from the events alone. */
export interface RunSummary {
  header: RunHeader;
  /** `incomplete` when the log has no `run.completed` (a run still going, or a truncated log). */
  outcome: RunOutcome | 'incomplete';
  error: { code: string; message: string } | undefined;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  constraints: ConstraintRow[];
  attempts: AttemptRow[];
  models: ModelRow[];
  limits: BudgetLimits | undefined;
  consumed: BudgetConsumed | undefined;
}

/** Narrows an event to one type. */
export function isEvent<T extends EventType>(event: RunEvent, type: T): event is RunEvent<T> {
  return event.type === type;
}

/**
 * Summarizes a run from its events. Final statuses come from `run.completed`; kind, severity and the last
 * verdict come from the `constraint.evaluated` events of the same step and id.
 */
export function summarizeRun(options: { header: RunHeader; events: readonly RunEvent[] }): RunSummary {
  const { events } = options;
  const completed = events.find((e) => isEvent(e, 'run.completed'));
  const started = events.find((e) => isEvent(e, 'run.started'));
  const attempts = attemptRows(events);
  return {
    header: options.header,
    outcome: completed?.data.outcome ?? 'incomplete',
    error: completed?.data.error,
    startedAt: started?.ts ?? events[0]?.ts,
    finishedAt: completed?.ts,
    constraints: constraintRows({ events, statuses: completed?.data.constraints }),
    attempts,
    models: modelRows(attempts),
    limits: started?.data.budget,
    consumed: completed?.data.consumed,
  };
}

function constraintRows(options: {
  events: readonly RunEvent[];
  statuses: EventData['run.completed']['constraints'] | undefined;
}): ConstraintRow[] {
  const evaluated = options.events.filter((e) => isEvent(e, 'constraint.evaluated'));
  const waivers = options.events.filter((e) => isEvent(e, 'waiver.applied'));
  // Without `run.completed` there are no final statuses: list what was evaluated, as not yet final.
  const statuses =
    options.statuses ??
    uniqueBy(evaluated, (e) => `${e.step ?? ''}\u0000${e.data.constraint}`).map((e) => ({
      step: e.step ?? '',
      id: e.data.constraint,
      status: 'not_applicable' as const,
    }));
  return statuses.map(({ step, id, status }) => {
    const mine = evaluated.filter((e) => (e.step ?? '') === step && e.data.constraint === id);
    const last = mine.at(-1);
    const waiver = waivers.find(
      (e) => (e.step ?? '') === step && (e.data.constraint === id || e.data.constraint === `${step}.${id}`),
    );
    return {
      step,
      id,
      status,
      kind: last?.data.kind,
      severity: last?.data.severity,
      last: last ? { verdict: last.data.verdict, seq: last.seq, target: last.data.target } : undefined,
      evaluations: mine.map((e) => e.seq),
      waiver: waiver?.data,
    };
  });
}

function attemptRows(events: readonly RunEvent[]): AttemptRow[] {
  const functionSteps = new Set(
    events.filter((e) => isEvent(e, 'step.started') && e.data.kind === 'function').map((e) => e.step),
  );
  const rows: AttemptRow[] = [];
  for (const event of events) {
    if (!isEvent(event, 'attempt.started')) continue;
    const step = event.step ?? '';
    const attempt = event.attempt ?? 0;
    const same = (e: RunEvent) => e.seq > event.seq && e.step === event.step && e.attempt === event.attempt;
    rows.push({
      step,
      attempt,
      adapter: event.data.adapter,
      via: event.data.via,
      isFunction: functionSteps.has(step) || event.data.adapter.startsWith('function:'),
      started: event,
      completed: events.find(
        (e): e is RunEvent<'attempt.completed'> => same(e) && isEvent(e, 'attempt.completed'),
      ),
      failed: events.find((e): e is RunEvent<'attempt.failed'> => same(e) && isEvent(e, 'attempt.failed')),
    });
  }
  return rows;
}

function modelRows(attempts: readonly AttemptRow[]): ModelRow[] {
  const rows = new Map<string, ModelRow>();
  for (const row of attempts) {
    if (row.isFunction) continue;
    const model = row.completed?.data.model ?? modelOf(row.adapter);
    const key = `${row.adapter}\u0000${model}`;
    const entry = rows.get(key) ?? {
      adapter: row.adapter,
      model,
      attempts: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    entry.attempts += 1;
    entry.input_tokens += row.completed?.data.usage.input_tokens ?? 0;
    entry.output_tokens += row.completed?.data.usage.output_tokens ?? 0;
    entry.cost_usd += row.completed?.data.cost_usd ?? 0;
    rows.set(key, entry);
  }
  return [...rows.values()];
}

/** The model part of a `provider:model` reference. */
export function modelOf(ref: string): string {
  return ref.slice(ref.indexOf(':') + 1);
}

/** The provider part of a `provider:model` reference. */
export function providerOf(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(0, colon);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
