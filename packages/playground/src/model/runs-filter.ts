import { CONSTRAINT_STATUSES, RUN_OUTCOMES, type RunsQuery } from '../api/runs.js';
import type { ConstraintStatus, RunOutcome } from './events.js';

/** The hash-query names of the run filters, as `GET /api/runs` names them. */
export const RUNS_FILTER_NAMES = [
  'workflow',
  'outcome',
  'status',
  'since',
  'before',
  'constraint',
  'constraint_status',
  'step',
] as const;

/** The run filters read from a page address: only well-formed values survive, the rest are reported. */
export interface RunsFilter {
  query: RunsQuery;
  /** Values in the address that were ignored, with why (a hand-edited link, say). */
  ignored: string[];
}

function isOutcome(value: string): value is RunOutcome | 'running' {
  return value === 'running' || (RUN_OUTCOMES as readonly string[]).includes(value);
}

function isConstraintStatus(value: string): value is ConstraintStatus {
  return (CONSTRAINT_STATUSES as readonly string[]).includes(value);
}

function isIsoTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
}

/**
 * Reads the run filters from a hash query (`#/runs?workflow=x&outcome=stopped`). The server checks them
 * again; this only keeps a mistyped link from turning into a request the server would refuse.
 */
export function runsFilterFromQuery(query: URLSearchParams): RunsFilter {
  const out: RunsQuery = {};
  const ignored: string[] = [];
  const text = (name: string): string | undefined => {
    const value = query.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const workflow = text('workflow');
  if (workflow !== undefined) out.workflow = workflow;
  const outcome = text('outcome');
  if (outcome !== undefined) {
    if (isOutcome(outcome)) out.outcome = outcome;
    else ignored.push(`outcome "${outcome}" is not an outcome`);
  }
  const status = text('status');
  if (status !== undefined) {
    if (status === 'running' || status === 'finished') out.status = status;
    else ignored.push(`status "${status}" is neither running nor finished`);
  }
  for (const name of ['since', 'before'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    if (isIsoTime(value)) out[name] = value;
    else ignored.push(`${name} "${value}" is not an ISO time`);
  }
  const constraint = text('constraint');
  const constraintStatus = text('constraint_status');
  const step = text('step');
  if (constraint !== undefined || constraintStatus !== undefined) {
    if (constraint === undefined || constraintStatus === undefined) {
      ignored.push('a constraint filter needs both the constraint id and its status');
    } else if (!isConstraintStatus(constraintStatus)) {
      ignored.push(`constraint status "${constraintStatus}" is not a status`);
    } else {
      out.constraint = constraint;
      out.constraint_status = constraintStatus;
      if (step !== undefined) out.step = step;
    }
  } else if (step !== undefined) {
    ignored.push('a step narrows a constraint filter, and none is given');
  }
  return { query: out, ignored };
}

/** The hash-query values of a filter (for `href`); absent filters are left out. */
export function runsFilterToQuery(query: RunsQuery): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of RUNS_FILTER_NAMES) out[name] = query[name];
  return out;
}

/** A `datetime-local` value (local wall-clock time) as an ISO UTC time, or undefined when empty or invalid. */
export function localInputToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO time as a `datetime-local` value in local wall-clock time, to the minute ('' when absent). */
export function isoToLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
