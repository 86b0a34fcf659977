import type { PredicateConstraint } from '../spec/certificate.js';
import type { EventData, RunEvent } from '../spec/events.js';
import type { RunOutcome } from '../spec/outcome.js';
import type { SummaryIssue } from './predicate-issue.js';

const RELEASING: readonly RunOutcome[] = ['certified', 'certified_with_exceptions', 'degraded'];
const EXCEPTIONS = new Set(['waived', 'violated', 'unchecked']);

/** Options for {@link checkOutcome}. */
export interface CheckOutcomeOptions {
  events: readonly RunEvent[];
  completed: EventData['run.completed'];
  completedSeq: number;
  /** The rows already checked against the evaluations. */
  rows: readonly PredicateConstraint[];
}

/**
 * Checks the outcome and result digest of `run.completed` against the events, with the runner's rules:
 * a stopped step or a refused input stops the run, a degraded step degrades it, exceptions make it
 * `certified_with_exceptions`; an aborted run (`error` set) is `stopped` when cancelled, else `error`.
 * A released result must be one a step released, unless several result steps were combined.
 */
export function checkOutcome(options: CheckOutcomeOptions): SummaryIssue | undefined {
  const { events, completed, completedSeq } = options;
  const issue = (path: string, message: string): SummaryIssue => ({
    reason: 'summary_mismatch',
    seq: completedSeq,
    path,
    message,
  });
  const expected = expectedOutcome(options);
  if (completed.outcome !== expected)
    return issue('outcome', `outcome is ${completed.outcome}, the events show ${expected}`);
  const releases = RELEASING.includes(expected);
  const digest = completed.output_digest;
  if (releases !== (digest !== undefined)) {
    return issue(
      'output_digest',
      releases ? 'a released run must name its result' : `a ${expected} run released nothing`,
    );
  }
  if (digest === undefined) return undefined;
  const released = events
    .filter((e) => e.type === 'output.released')
    .map((e) => (e as RunEvent<'output.released'>).data.output_digest);
  if (!released.includes(digest) && resultStepCount(events) < 2) {
    return issue('output_digest', `the result ${digest} is no step's released output`);
  }
  return undefined;
}

function expectedOutcome(options: CheckOutcomeOptions): RunOutcome {
  const { events, completed, rows } = options;
  if (completed.error !== undefined) return completed.error.code === 'NC_RUN_ABORTED' ? 'stopped' : 'error';
  const stepStatuses = events
    .filter((e) => e.type === 'step.completed')
    .map((e) => (e as RunEvent<'step.completed'>).data.status);
  const refused = events.some((e) => e.type === 'input.checked' && !(e as RunEvent<'input.checked'>).data.ok);
  if (refused || stepStatuses.includes('stopped')) return 'stopped';
  if (stepStatuses.includes('degraded')) return 'degraded';
  return rows.some((row) => EXCEPTIONS.has(row.status)) ? 'certified_with_exceptions' : 'certified';
}

/** Steps no other step reads from, not counting degrade paths (which stand in for another step). */
function resultStepCount(events: readonly RunEvent[]): number {
  const started = events.filter((e) => e.type === 'step.started') as RunEvent<'step.started'>[];
  const used = new Set(started.flatMap((e) => e.data.depends_on));
  for (const e of events) {
    const to = e.type === 'recovery.chosen' ? (e as RunEvent<'recovery.chosen'>).data.to : '';
    if (to.startsWith('degrade:step:')) used.add(to.slice('degrade:step:'.length));
  }
  return started.filter((e) => !used.has(e.step as string)).length;
}
