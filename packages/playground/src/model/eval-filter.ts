import { CONSTRAINT_STATUSES, RUN_OUTCOMES } from '../api/runs.js';
import type { EvalMatrixFilter } from './eval-matrix.js';
import type { ConstraintStatus, RunOutcome } from './events.js';

/** The matrix filters and page read from the page address (`#/evals/<id>?outcome=stopped&offset=100`). */
export interface EvalViewQuery {
  filter: EvalMatrixFilter;
  offset: number;
}

/** Reads the eval view's filters from a hash query; unknown values are dropped. */
export function evalQueryFrom(query: URLSearchParams): EvalViewQuery {
  const filter: EvalMatrixFilter = {};
  const outcome = query.get('outcome') ?? '';
  if ((RUN_OUTCOMES as readonly string[]).includes(outcome)) filter.outcome = outcome as RunOutcome;
  const passed = query.get('passed');
  if (passed === 'true' || passed === 'false') filter.passed = passed === 'true';
  const constraint = query.get('constraint')?.trim() ?? '';
  if (constraint !== '') filter.constraint = constraint;
  const status = query.get('status') ?? '';
  if ((CONSTRAINT_STATUSES as readonly string[]).includes(status)) filter.status = status as ConstraintStatus;
  const offset = Number(query.get('offset') ?? 0);
  return { filter, offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
}

/** The hash-query values of the eval view's filters and page (for `href`). */
export function evalQueryTo(view: EvalViewQuery): Record<string, string | undefined> {
  const { filter, offset } = view;
  return {
    outcome: filter.outcome,
    passed: filter.passed === undefined ? undefined : String(filter.passed),
    constraint: filter.constraint,
    status: filter.status,
    offset: offset > 0 ? String(offset) : undefined,
  };
}
