import { describe, expect, it } from 'vitest';
import { createLiveEffects } from '../runner/live-effects.js';
import { oneStep, runTest } from '../runner/run-workflow.test-util.js';
import type { Effects } from '../spec/effects.js';
import type { EventData, RunEvent } from '../spec/events.js';
import type { RunResult } from '../spec/run.js';
import { jsonCopy } from './certificate-fixtures.test-util.js';
import { runScenario } from './certificate-runs.test-util.js';
import { buildPredicate, derivePredicate } from './predicate-from-events.js';

type Completed = EventData['run.completed'];

/** A copy of `result` whose run.completed data went through `edit`. */
async function withCompleted(run: string, edit: (data: Completed) => void) {
  const result = await runScenario(run);
  const events = jsonCopy(result.events);
  edit((events.at(-1) as RunEvent<'run.completed'>).data);
  return { result, derived: derivePredicate({ header: result.header, events }), lastSeq: events.length - 1 };
}

function statusOf(data: Completed, index = 0) {
  return data.constraints[index] as { status: string };
}

describe('derivePredicate: a summary is only what its events show', () => {
  it('is pure: the same events give the same predicate', async () => {
    const result: RunResult = await runScenario('chain');
    const a = buildPredicate(result);
    expect(buildPredicate(jsonCopy(result))).toEqual(a);
    expect(a.events.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.started_at).toBe(result.events[0]?.ts);
    expect(a.finished_at).toBe(result.events.at(-1)?.ts);
  });

  it.each([
    ['stopped', 'enforced', 'no released output was evaluated'],
    ['stopped', 'violated', 'no released output was evaluated'],
    ['soft_violated', 'enforced', 'released evaluation (seq 5) is fail'],
    ['certified', 'violated', 'is pass'],
    ['certified', 'not_applicable', 'is pass'],
    ['certified', 'waived', 'is pass'],
    ['unchecked', 'enforced', 'is error'],
    // `calm` is hard, so an error on a released output can only have been fail_open (unchecked).
    ['unchecked', 'violated', 'is error'],
    ['degrade_step', 'enforced', 'no released output was evaluated'],
  ])('rejects a %s run that claims %s', async (run, claimed, why) => {
    const { derived, lastSeq } = await withCompleted(run, (data) => {
      statusOf(data).status = claimed;
    });
    expect(derived).toMatchObject({
      ok: false,
      issue: { reason: 'summary_mismatch', seq: lastSeq, path: 'constraints.0.status' },
    });
    if (!derived.ok) expect(derived.issue.message).toContain(why);
  });

  it('rejects a hard failure reported as violated, and a waived status without a waiver event', async () => {
    const result = await runScenario('waived');
    const events = jsonCopy(result.events).filter((e) => e.type !== 'waiver.applied');
    const derived = derivePredicate({ header: result.header, events });
    expect(derived).toMatchObject({
      ok: false,
      issue: { reason: 'summary_mismatch', path: 'constraints.0.status' },
    });
  });

  it('rejects a run.completed that leaves out a released evaluation, or repeats a row', async () => {
    const dropped = await withCompleted('soft_violated', (data) => {
      data.constraints = [];
      data.outcome = 'certified';
    });
    expect(dropped.derived).toMatchObject({
      ok: false,
      issue: { reason: 'summary_mismatch', path: 'constraints' },
    });
    const twice = await withCompleted('certified', (data) => {
      data.constraints.push({ ...(data.constraints[0] as Completed['constraints'][number]) });
    });
    expect(twice.derived).toMatchObject({ ok: false, issue: { path: 'constraints.1.status' } });
  });

  it.each([
    ['certified', 'certified_with_exceptions'],
    ['soft_violated', 'certified'],
    ['degraded', 'certified'],
    ['stopped', 'degraded'],
    ['input_refused', 'certified'],
    ['error', 'stopped'],
  ])('rejects a %s run whose outcome is reported as %s', async (run, outcome) => {
    const { derived, lastSeq } = await withCompleted(run, (data) => {
      data.outcome = outcome as Completed['outcome'];
    });
    expect(derived).toMatchObject({
      ok: false,
      issue: { reason: 'summary_mismatch', seq: lastSeq, path: 'outcome' },
    });
  });

  it('rejects a result digest no step released, and a result for a stopped run', async () => {
    const forged = await withCompleted('certified', (data) => {
      data.output_digest = `sha256:${'ab'.repeat(32)}`;
    });
    expect(forged.derived).toMatchObject({ ok: false, issue: { path: 'output_digest' } });
    const stopped = await withCompleted('stopped', (data) => {
      data.output_digest = `sha256:${'ab'.repeat(32)}`;
    });
    expect(stopped.derived).toMatchObject({ ok: false, issue: { path: 'output_digest' } });
  });

  it('reports malformed events with the first bad seq and the field', async () => {
    const result = await runScenario('certified');
    const wrongType = jsonCopy(result.events);
    (wrongType[5] as { data: { verdict: unknown } }).data.verdict = { status: 'maybe' };
    expect(derivePredicate({ header: result.header, events: wrongType })).toMatchObject({
      ok: false,
      issue: { reason: 'malformed_events', seq: 5, path: 'data.verdict.status' },
    });
    const noEnd = jsonCopy(result.events).slice(0, -1);
    expect(derivePredicate({ header: result.header, events: noEnd })).toMatchObject({
      ok: false,
      issue: { reason: 'malformed_events', seq: noEnd.length - 1, path: 'type' },
    });
    expect(derivePredicate({ header: result.header, events: [] })).toMatchObject({ ok: false });
    expect(derivePredicate({ header: null as never, events: [null as never, 1 as never] })).toMatchObject({
      ok: false,
    });
  });

  it('throws NC_EVIDENCE_SUMMARY_INVALID from buildPredicate on the same problems', async () => {
    const { result } = await withCompleted('certified', () => {});
    expect(() => buildPredicate({ header: result.header, events: result.events.slice(0, 3) })).toThrow(
      expect.objectContaining({ code: 'NC_EVIDENCE_SUMMARY_INVALID' }),
    );
  });
});

describe('derivePredicate: engine redeliveries (run.resumed)', () => {
  /** The `retried` run, with one `run.resumed` recorded after its first adapter call (as a resumed execution would). */
  async function resumedRun() {
    const live = createLiveEffects();
    let calls = 0;
    let given = false;
    const resumed: EventData['run.resumed'] = {
      execution: 2,
      executor: 'worker-b',
      previous_executor: 'worker-a',
      reexecuted: ['answer/2/adapter'],
    };
    const effects: Effects = {
      ...live,
      callAdapter: (...args) => {
        calls += 1;
        return live.callAdapter(...args);
      },
      // Once, right after the first call is delivered.
      takeResumptions: () => {
        if (calls !== 1 || given) return [];
        given = true;
        return [resumed];
      },
    };
    return runTest({
      workflow: oneStep({
        replies: { a: [{ text: 'not json' }, { text: '{"answer":"ok"}' }] },
        recovery: [{ retry: { max: 1, backoff_ms: 0 } }, { stop: {} }],
      }),
      more: { effects },
    });
  }

  it('counts attempts from attempt events only: a redelivery is neither an attempt nor a ladder move', async () => {
    const plain = buildPredicate(
      await runTest({
        workflow: oneStep({
          replies: { a: [{ text: 'not json' }, { text: '{"answer":"ok"}' }] },
          recovery: [{ retry: { max: 1, backoff_ms: 0 } }, { stop: {} }],
        }),
      }),
    );
    const result = await resumedRun();
    expect(result.events.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
    const predicate = buildPredicate(result);
    expect(predicate.models).toEqual(plain.models);
    expect(predicate.models[0]?.attempts).toBe(2);
    expect(predicate.recovery.map((r) => r.strategy)).toEqual(plain.recovery.map((r) => r.strategy));
    expect(predicate.outcome).toBe('certified');
    expect(predicate.events.count).toBe(plain.events.count + 1);
  });

  it('rejects a run.resumed that names a step or misstates its execution', async () => {
    const result = await resumedRun();
    const at = result.events.findIndex((e) => e.type === 'run.resumed');
    const onStep = jsonCopy(result.events);
    (onStep[at] as { step?: string }).step = 'answer';
    expect(derivePredicate({ header: result.header, events: onStep })).toMatchObject({
      ok: false,
      issue: { reason: 'malformed_events', seq: at, path: 'step' },
    });
    const first = jsonCopy(result.events);
    (first[at] as RunEvent<'run.resumed'>).data.execution = 1;
    expect(derivePredicate({ header: result.header, events: first })).toMatchObject({
      ok: false,
      issue: { reason: 'malformed_events', seq: at, path: 'data.execution' },
    });
  });
});
