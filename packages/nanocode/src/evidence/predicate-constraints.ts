import type { PredicateConstraint } from '../spec/certificate.js';
import type { EventData } from '../spec/events.js';
import type { ConstraintStatus } from '../spec/outcome.js';
import {
  type EvaluatedEvent,
  evaluationKey,
  type RunEvaluations,
  waiverFor,
} from './predicate-evaluations.js';
import type { SummaryIssue } from './predicate-issue.js';

type StatusRow = EventData['run.completed']['constraints'][number];

/** Options for {@link predicateConstraints}. */
export interface PredicateConstraintsOptions {
  completed: EventData['run.completed'];
  /** Seq of the `run.completed` event, where a misreported status is blamed. */
  completedSeq: number;
  evaluations: RunEvaluations;
}

/**
 * The predicate's constraint rows: the statuses `run.completed` reports, each checked against the
 * evaluations of the released output. A status must be what its evaluation implies (`enforced` needs a
 * `pass`, `waived` a `waiver.applied`, and so on), `not_applicable` needs no released evaluation, and
 * every released evaluation needs a row. An aborted run (`error` set) released nothing to report on.
 */
export function predicateConstraints(
  options: PredicateConstraintsOptions,
): { ok: true; rows: PredicateConstraint[] } | { ok: false; issue: SummaryIssue } {
  const { completed, completedSeq, evaluations } = options;
  const aborted = completed.error !== undefined;
  const seen = new Set<string>();
  const rows: PredicateConstraint[] = [];
  for (const [index, row] of completed.constraints.entries()) {
    const key = evaluationKey(row.step, row.id);
    const mismatch = (message: string): { ok: false; issue: SummaryIssue } => ({
      ok: false,
      issue: { reason: 'summary_mismatch', seq: completedSeq, path: `constraints.${index}.status`, message },
    });
    if (seen.has(key)) return mismatch(`${row.step}.${row.id} is reported twice`);
    seen.add(key);
    const evaluated = aborted ? undefined : evaluations.released.get(row.step)?.get(row.id);
    const waiver = evaluated ? waiverFor({ evaluations, step: row.step, id: row.id }) : undefined;
    const allowed = allowedStatuses({
      evaluated,
      waived: waiver !== undefined,
      input: row.step === '$input',
      afterRelease: evaluations.releasedBeforeChecks.has(row.step),
    });
    if (!allowed.includes(row.status)) {
      const shown = evaluated
        ? `its released evaluation (seq ${evaluated.seq}) is ${evaluated.data.verdict.status}`
        : 'no released output was evaluated for it';
      return mismatch(`${row.step}.${row.id} is reported ${row.status}, but ${shown}`);
    }
    rows.push(
      rowOf({
        row,
        evidence: evaluated ?? evaluations.last.get(key),
        waiver: row.status === 'waived' ? waiver : undefined,
      }),
    );
  }
  if (!aborted) {
    for (const [step, batch] of evaluations.released) {
      for (const [id, evaluated] of batch) {
        if (seen.has(evaluationKey(step, id))) continue;
        const message = `the released evaluation of ${step}.${id} (seq ${evaluated.seq}) has no status`;
        return {
          ok: false,
          issue: { reason: 'summary_mismatch', seq: completedSeq, path: 'constraints', message },
        };
      }
    }
  }
  return { ok: true, rows };
}

/** The statuses an evaluation of a released output can lead to (DESIGN.md §1; runner `statusOf`). */
function allowedStatuses(options: {
  evaluated: EvaluatedEvent | undefined;
  waived: boolean;
  input: boolean;
  /** The output reached the caller before its checks (pass-through): a hard failure could not block it. */
  afterRelease: boolean;
}): ConstraintStatus[] {
  const { evaluated, waived, input, afterRelease } = options;
  if (evaluated === undefined) return ['not_applicable'];
  const verdict = evaluated.data.verdict.status;
  if (verdict === 'pass') return ['enforced'];
  if (waived) return ['waived'];
  // A hard failure blocks release, so only a soft one, a refused input, or a check of an output already
  // streamed to the caller is reported as violated.
  const violable = evaluated.data.severity === 'soft' || input || afterRelease;
  const statuses: ConstraintStatus[] = verdict === 'error' ? ['unchecked'] : [];
  return violable ? [...statuses, 'violated'] : statuses;
}

function rowOf(options: {
  row: StatusRow;
  evidence: EvaluatedEvent | undefined;
  waiver: ReturnType<typeof waiverFor>;
}): PredicateConstraint {
  const { row, evidence, waiver } = options;
  return {
    step: row.step,
    id: row.id,
    ...(evidence ? { kind: evidence.data.kind, severity: evidence.data.severity } : {}),
    status: row.status,
    ...(evidence ? { verdict: evidence.data.verdict.status } : {}),
    ...(waiver
      ? {
          waiver: {
            reason: waiver.data.reason,
            granted_by: waiver.data.granted_by,
            expires: waiver.data.expires,
          },
        }
      : {}),
    evidence: [...(evidence ? [evidence.seq] : []), ...(waiver ? [waiver.seq] : [])],
  };
}
