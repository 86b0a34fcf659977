import { canonicalJson } from '../../evidence/canonical-json.js';
import { createMemoryLeafStore } from '../../evidence/tlog-leaf-store.js';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import type { RunOutcome } from '../../spec/outcome.js';
import type { ApiKeyRecord, RunStore, RunSummary, StoredRun } from '../../spec/store.js';
import { checkListKey, compareListOrder, isAfterKey } from '../list-key.js';
import { resolveListLimit } from '../list-limit.js';
import { planAppend } from '../plan-append.js';
import { headerFields } from '../run-summary-fields.js';
import { conflictError, unknownRunError } from '../store-errors.js';
import { createMemoryEvals } from './memory-evals.js';
import { createMemoryPolicies } from './memory-policies.js';

interface MemoryRun {
  header: string;
  started_at: string;
  outcome: RunOutcome | 'running';
  finished_at?: string;
  /** Canonical JSON of each event, by seq. */
  bodies: string[];
  certificate?: string;
  log_index?: number;
  salts: Map<string, string>;
  /** The final constraint statuses `run.completed` listed. */
  constraints: Array<{ step: string; id: string; status: string }>;
}

/**
 * A {@link RunStore} held in memory, for tests and single-process library use. It keeps values as
 * canonical JSON, exactly as the SQLite store does, so both give back copies and pass the same contract.
 */
export function createMemoryStore(): RunStore {
  const runs = new Map<string, MemoryRun>();
  const checkpoints = new Map<string, Map<number, string>>();
  const apiKeys = new Map<string, ApiKeyRecord>();
  const mustGet = (run_id: string): MemoryRun => {
    const run = runs.get(run_id);
    if (!run) throw unknownRunError({ run_id });
    return run;
  };

  const summaryOf = (run_id: string, run: MemoryRun): RunSummary => ({
    run_id,
    ...headerFields(JSON.parse(run.header) as RunHeader),
    outcome: run.outcome,
    started_at: run.started_at,
    ...(run.finished_at === undefined ? {} : { finished_at: run.finished_at }),
    event_count: run.bodies.length,
  });

  return {
    spec: 'nanocode.store/v1',
    async createRun({ header, started_at }) {
      const json = canonicalJson(header);
      const existing = runs.get(header.run_id);
      if (existing) {
        if (existing.header !== json) throw conflictError({ what: `run ${header.run_id}`, details: {} });
        return;
      }
      runs.set(header.run_id, {
        header: json,
        started_at,
        outcome: 'running',
        bodies: [],
        salts: new Map(),
        constraints: [],
      });
    },
    async appendEvents({ run_id, events }) {
      const run = mustGet(run_id);
      const planned = planAppend({
        run_id,
        count: run.bodies.length,
        bodyAt: (seq) => run.bodies[seq],
        events,
      });
      for (const { event, body } of planned) {
        run.bodies.push(body);
        if (event.type === 'run.completed') {
          const data = (event as RunEvent<'run.completed'>).data;
          run.outcome = data.outcome;
          run.finished_at = event.ts;
          run.constraints = data.constraints.map(({ step, id, status }) => ({ step, id, status }));
        }
      }
    },
    async getRun({ run_id }) {
      const run = runs.get(run_id);
      if (!run) return undefined;
      const stored: StoredRun = {
        summary: summaryOf(run_id, run),
        header: JSON.parse(run.header) as RunHeader,
        events: run.bodies.map((body) => JSON.parse(body) as RunEvent),
      };
      if (run.certificate !== undefined) stored.certificate = JSON.parse(run.certificate);
      if (run.log_index !== undefined) stored.log_index = run.log_index;
      return stored;
    },
    async listRuns(options) {
      const limit = resolveListLimit({ limit: options.limit });
      const after =
        options.after === undefined
          ? undefined
          : checkListKey({
              started_at: options.after.started_at,
              id: options.after.run_id,
              idName: 'run_id',
            });
      const wanted = options.constraint;
      return [...runs.entries()]
        .filter(
          ([, run]) =>
            wanted === undefined ||
            run.constraints.some(
              (c) =>
                c.id === wanted.id &&
                c.status === wanted.status &&
                (wanted.step === undefined || c.step === wanted.step),
            ),
        )
        .map(([run_id, run]) => summaryOf(run_id, run))
        .filter(
          (s) =>
            (options.tenant === undefined || s.tenant === options.tenant) &&
            (options.workflow === undefined || s.workflow === options.workflow) &&
            (options.outcome === undefined || s.outcome === options.outcome) &&
            (options.status === undefined || (s.outcome === 'running') === (options.status === 'running')) &&
            (options.since === undefined || s.started_at >= options.since) &&
            (options.before === undefined || s.started_at < options.before) &&
            (after === undefined || isAfterKey({ started_at: s.started_at, id: s.run_id }, after)),
        )
        .sort((a, b) =>
          compareListOrder(
            { started_at: a.started_at, id: a.run_id },
            { started_at: b.started_at, id: b.run_id },
          ),
        )
        .slice(0, limit);
    },
    async putCertificate({ run_id, envelope, log_index }) {
      const run = mustGet(run_id);
      const json = canonicalJson(envelope);
      if (run.certificate !== undefined && run.certificate !== json) {
        throw conflictError({ what: `the certificate of run ${run_id}`, details: { run_id } });
      }
      if (log_index !== undefined && run.log_index !== undefined && run.log_index !== log_index) {
        throw conflictError({ what: `the log index of run ${run_id}`, details: { run_id, log_index } });
      }
      run.certificate = json;
      if (log_index !== undefined) run.log_index = log_index;
    },
    async putSalts({ run_id, salts }) {
      const run = mustGet(run_id);
      const entries = Object.entries(salts);
      for (const [name, salt] of entries) {
        const existing = run.salts.get(name);
        if (existing !== undefined && existing !== salt) {
          throw conflictError({ what: `salt ${name} of run ${run_id}`, details: { run_id, name } });
        }
      }
      for (const [name, salt] of entries) run.salts.set(name, salt);
    },
    async getSalts({ run_id }) {
      return Object.fromEntries(runs.get(run_id)?.salts ?? []);
    },
    async eraseSalt({ run_id, name }) {
      return runs.get(run_id)?.salts.delete(name) ?? false;
    },
    leaves: createMemoryLeafStore(),
    async putCheckpoint({ tenant, size, note }) {
      const bySize = checkpoints.get(tenant) ?? new Map<number, string>();
      const existing = bySize.get(size);
      if (existing !== undefined && existing !== note) {
        throw conflictError({
          what: `the checkpoint of size ${size} for tenant ${tenant}`,
          details: { tenant, size },
        });
      }
      bySize.set(size, note);
      checkpoints.set(tenant, bySize);
    },
    async getCheckpoint({ tenant, size }) {
      const bySize = checkpoints.get(tenant);
      if (!bySize || bySize.size === 0) return undefined;
      const wanted = size ?? Math.max(...bySize.keys());
      const note = bySize.get(wanted);
      return note === undefined ? undefined : { size: wanted, note };
    },
    async putApiKey({ key }) {
      const existing = apiKeys.get(key.id) ?? [...apiKeys.values()].find((k) => k.hash === key.hash);
      if (existing && canonicalJson(existing) !== canonicalJson(key)) {
        throw conflictError({ what: `api key ${key.id}`, details: { id: key.id } });
      }
      apiKeys.set(key.id, structuredClone(key));
    },
    async findApiKey({ hash }) {
      const found = [...apiKeys.values()].find((key) => key.hash === hash);
      return found ? structuredClone(found) : undefined;
    },
    async listApiKeys({ tenant }) {
      return [...apiKeys.values()]
        .filter((key) => tenant === undefined || key.tenant === tenant)
        .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
        .map((key) => structuredClone(key));
    },
    async revokeApiKey({ id, at }) {
      const key = apiKeys.get(id);
      if (!key || key.revoked_at !== undefined) return false;
      key.revoked_at = at;
      return true;
    },
    ...createMemoryPolicies(),
    ...createMemoryEvals(),
    async close() {},
  };
}
