import type { EvalCaseQuery } from '../api/evals.js';
import { CONSTRAINT_STATUSES, RUN_OUTCOMES } from '../api/runs.js';
import type { ConstraintStatus, RunOutcome } from './events.js';

/** The eval view's filters and page, as the page address holds them (`#/evals/<id>?outcome=stopped`). */
export interface EvalViewQuery {
  outcome?: RunOutcome;
  /** A constraint (`step/id`): its column only, and with `status`, only rows where it ended so. */
  constraint?: string;
  status?: ConstraintStatus;
  offset: number;
  /** Values in the address that were dropped, with why. */
  ignored: string[];
}

/** Reads the eval view's filters from a hash query; unknown values are dropped with a reason. */
export function evalQueryFrom(query: URLSearchParams): EvalViewQuery {
  const out: EvalViewQuery = { offset: 0, ignored: [] };
  const outcome = query.get('outcome') ?? '';
  if ((RUN_OUTCOMES as readonly string[]).includes(outcome)) out.outcome = outcome as RunOutcome;
  else if (outcome !== '') out.ignored.push(`outcome "${outcome}" is not an outcome`);
  const constraint = query.get('constraint')?.trim() ?? '';
  if (constraint !== '') out.constraint = constraint;
  const status = query.get('status') ?? '';
  if (status !== '') {
    if (!(CONSTRAINT_STATUSES as readonly string[]).includes(status)) {
      out.ignored.push(`status "${status}" is not a constraint status`);
    } else if (constraint === '') {
      out.ignored.push('a status filter needs a constraint');
    } else {
      out.status = status as ConstraintStatus;
    }
  }
  const offset = Number(query.get('offset') ?? 0);
  if (Number.isSafeInteger(offset) && offset > 0) out.offset = offset;
  return out;
}

/** The hash-query values of the eval view's filters and page (for `href`). */
export function evalQueryTo(view: Omit<EvalViewQuery, 'ignored'>): Record<string, string | undefined> {
  return {
    outcome: view.outcome,
    constraint: view.constraint,
    status: view.status,
    offset: view.offset > 0 ? String(view.offset) : undefined,
  };
}

/** The filters the server applies (`GET /api/evals/{id}`): outcome, and a constraint with its status. */
export function evalServerQuery(view: EvalViewQuery): EvalCaseQuery {
  return {
    ...(view.outcome === undefined ? {} : { outcome: view.outcome }),
    ...(view.constraint === undefined || view.status === undefined
      ? {}
      : { constraint: view.constraint, constraint_status: view.status }),
  };
}
