import type { EvalCaseRow, EvalRecord } from '../../spec/store.js';
import {
  caseMatches,
  casePaging,
  type EvalMethods,
  evalStartJson,
  planEvalAppend,
  planEvalEnd,
  unknownEvalError,
} from '../eval-row.js';
import { checkListKey, compareListOrder, isAfterKey } from '../list-key.js';
import { resolveListLimit } from '../list-limit.js';
import { conflictError } from '../store-errors.js';

interface MemoryEval {
  start: string;
  record: Omit<EvalRecord, 'case_count' | 'summary'>;
  summary?: string;
  /** Canonical JSON of each row, by seq. */
  bodies: string[];
}

/** Evals held in memory, rows as canonical JSON (as the SQL stores keep them), for tests and `memory:`. */
export function createMemoryEvals(): EvalMethods {
  const evals = new Map<string, MemoryEval>();
  const mustGet = (eval_id: string): MemoryEval => {
    const found = evals.get(eval_id);
    if (found === undefined) throw unknownEvalError({ eval_id });
    return found;
  };
  const recordOf = (entry: MemoryEval): EvalRecord => ({
    ...structuredClone(entry.record),
    case_count: entry.bodies.length,
    ...(entry.summary === undefined ? {} : { summary: JSON.parse(entry.summary) as Record<string, unknown> }),
  });
  return {
    async createEval({ eval: start }) {
      const json = evalStartJson(start);
      const existing = evals.get(start.eval_id);
      if (existing !== undefined) {
        if (existing.start !== json) throw conflictError({ what: `eval ${start.eval_id}`, details: {} });
        return;
      }
      evals.set(start.eval_id, {
        start: json,
        record: { ...JSON.parse(json), status: 'running' },
        bodies: [],
      });
    },
    async appendEvalCases({ eval_id, cases }) {
      const entry = mustGet(eval_id);
      const planned = planEvalAppend({
        eval_id,
        status: entry.record.status,
        count: entry.bodies.length,
        bodyAt: (seq) => entry.bodies[seq],
        cases,
      });
      for (const { body } of planned) entry.bodies.push(body);
    },
    async finishEval({ eval_id, ...end }) {
      const entry = mustGet(eval_id);
      const checked = planEvalEnd({
        eval_id,
        stored: {
          status: entry.record.status,
          finished_at: entry.record.finished_at,
          summary: entry.summary,
        },
        ending: end,
      });
      if (checked === undefined) return;
      entry.record.status = checked.status as EvalRecord['status'];
      entry.record.finished_at = checked.finished_at;
      if (checked.summary !== null) entry.summary = checked.summary;
    },
    async getEval({ eval_id }) {
      const entry = evals.get(eval_id);
      return entry === undefined ? undefined : recordOf(entry);
    },
    async listEvals({ tenant, workflow, limit, before, after }) {
      const max = resolveListLimit({ limit });
      const key =
        after === undefined
          ? undefined
          : checkListKey({ started_at: after.started_at, id: after.eval_id, idName: 'eval_id' });
      return [...evals.values()]
        .filter(
          ({ record }) =>
            (tenant === undefined || record.tenant === tenant) &&
            (workflow === undefined || record.workflow === workflow) &&
            (before === undefined || record.started_at < before) &&
            (key === undefined || isAfterKey({ started_at: record.started_at, id: record.eval_id }, key)),
        )
        .sort((a, b) =>
          compareListOrder(
            { started_at: a.record.started_at, id: a.record.eval_id },
            { started_at: b.record.started_at, id: b.record.eval_id },
          ),
        )
        .slice(0, max)
        .map(recordOf);
    },
    async listEvalCases(options) {
      const { limit, offset } = casePaging(options);
      const entry = evals.get(options.eval_id);
      if (entry === undefined) return { cases: [], total: 0 };
      const matching = entry.bodies
        .map((body) => JSON.parse(body) as EvalCaseRow)
        .filter((row) => caseMatches(row, options));
      return { cases: matching.slice(offset, offset + limit), total: matching.length };
    },
  };
}
