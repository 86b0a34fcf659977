import type {
  PredicateModel,
  PredicateOutput,
  PredicateRecovery,
  RunPredicate,
} from '../spec/certificate.js';
import { NanocodeError } from '../spec/errors.js';
import type { RunEvent, RunHeader } from '../spec/events.js';
import { sha256Hex } from './digest.js';
import { predicateConstraints } from './predicate-constraints.js';
import { collectEvaluations } from './predicate-evaluations.js';
import { checkEventShapes } from './predicate-event-schemas.js';
import type { SummaryIssue } from './predicate-issue.js';
import { checkOutcome } from './predicate-outcome.js';

/** Options for {@link derivePredicate} and {@link buildPredicate}. */
export interface PredicateSource {
  header: RunHeader;
  events: readonly RunEvent[];
}

/** The result of {@link derivePredicate}: the predicate, or the first reason the events cannot back one. */
export type PredicateDerivation = { ok: true; predicate: RunPredicate } | { ok: false; issue: SummaryIssue };

/**
 * Rebuilds a run's predicate from its header and events alone; nothing is kept on the side. The statuses
 * and outcome that `run.completed` reports are checked against the evaluations, so a summary that
 * misreports its own events yields an issue, not a predicate. Pure and total: it never throws, so a
 * verifier can feed it untrusted events (check the chain first; this does not rehash it).
 */
export function derivePredicate(source: PredicateSource): PredicateDerivation {
  const { header, events } = source;
  try {
    const shape = checkEventShapes(events);
    if (shape) return { ok: false, issue: shape };
    const first = events[0] as RunEvent<'run.started'>;
    const lastSeq = events.length - 1;
    const last = events[lastSeq] as RunEvent<'run.completed'>;
    const completed = last.data;
    const evaluations = collectEvaluations(events);
    const constraints = predicateConstraints({ completed, completedSeq: lastSeq, evaluations });
    if (!constraints.ok) return constraints;
    const outcome = checkOutcome({ events, completed, completedSeq: lastSeq, rows: constraints.rows });
    if (outcome) return { ok: false, issue: outcome };
    const predicate: RunPredicate = {
      run_id: header.run_id,
      tenant: header.tenant,
      workflow: header.workflow,
      profile: header.profile,
      framework: header.framework,
      config_digest: header.config_digest,
      ...(first.data.policy === undefined ? {} : { policy: first.data.policy }),
      started_at: first.ts,
      finished_at: last.ts,
      outcome: completed.outcome,
      ...(completed.error ? { error: completed.error } : {}),
      constraints: constraints.rows,
      recovery: recoveryOf(events),
      budget: { limits: first.data.budget, consumed: completed.consumed },
      models: modelsOf(events),
      inputs: { digest: first.data.inputs_digest },
      outputs: {
        ...(completed.output_digest === undefined ? {} : { digest: completed.output_digest }),
        steps: outputsOf(events),
      },
      events: { count: events.length, head: last.hash, sha256: eventListDigest(events) },
    };
    return { ok: true, predicate };
  } catch (error) {
    const message = `the events cannot be summarised: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, issue: { reason: 'malformed_events', seq: 0, path: '', message } };
  }
}

/**
 * `events.sha256`: SHA-256 over the events' hashes, one per line. Each hash already covers its event's
 * canonical bytes, so this binds the whole list without serialising it a second time.
 */
export function eventListDigest(events: readonly { hash: string }[]): string {
  return `sha256:${sha256Hex(events.map((event) => event.hash).join('\n'))}`;
}

/**
 * The predicate of a finished run, for signing. Throws `NC_EVIDENCE_SUMMARY_INVALID` when the events are
 * malformed or `run.completed` contradicts them: certifying such a run would be a programmer error.
 */
export function buildPredicate(source: PredicateSource): RunPredicate {
  const derived = derivePredicate(source);
  if (derived.ok) return derived.predicate;
  const { issue } = derived;
  throw new NanocodeError({
    code: 'NC_EVIDENCE_SUMMARY_INVALID',
    message: `Cannot certify run ${source.header?.run_id}: event ${issue.seq}: ${issue.message}.`,
    details: { reason: issue.reason, seq: issue.seq, path: issue.path },
  });
}

function recoveryOf(events: readonly RunEvent[]): PredicateRecovery[] {
  return (events.filter((e) => e.type === 'recovery.chosen') as RunEvent<'recovery.chosen'>[]).map((e) => ({
    step: e.step as string,
    strategy: e.data.strategy,
    trigger: e.data.trigger,
    from: e.data.from,
    to: e.data.to,
    seq: e.seq,
  }));
}

/** Completed attempts of model steps, summed per adapter and model in order of first use. */
function modelsOf(events: readonly RunEvent[]): PredicateModel[] {
  const modelSteps = new Set(
    events
      .filter((e) => e.type === 'step.started' && (e as RunEvent<'step.started'>).data.kind === 'model')
      .map((e) => e.step),
  );
  const byModel = new Map<string, PredicateModel>();
  for (const event of events) {
    if (event.type !== 'attempt.completed' || !modelSteps.has(event.step)) continue;
    const { adapter, model, usage, cost_usd } = (event as RunEvent<'attempt.completed'>).data;
    const key = `${adapter}\u0000${model}`;
    const row = byModel.get(key) ?? {
      adapter,
      model,
      attempts: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    row.attempts += 1;
    row.input_tokens += usage.input_tokens;
    row.output_tokens += usage.output_tokens;
    // Rounded to a nano-dollar, as the budget is, so float sums stay reproducible.
    // An unknown price makes the total unknown: it is never counted as 0.
    row.cost_usd =
      row.cost_usd === null || cost_usd === null ? null : Math.round((row.cost_usd + cost_usd) * 1e9) / 1e9;
    byModel.set(key, row);
  }
  return [...byModel.values()];
}

function outputsOf(events: readonly RunEvent[]): PredicateOutput[] {
  return (events.filter((e) => e.type === 'output.released') as RunEvent<'output.released'>[]).map((e) => ({
    step: e.step as string,
    digest: e.data.output_digest,
    source: e.data.source,
    checked: e.data.checked ?? 'unknown',
    seq: e.seq,
  }));
}
