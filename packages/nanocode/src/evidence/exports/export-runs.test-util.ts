import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { oneStep, runTest } from '../../runner/run-workflow.test-util.js';
import type { EventData, EventType, RunEvent, RunHeader } from '../../spec/events.js';
import type { Verdict } from '../../spec/verdict.js';
import { createEventLog } from '../event-log.js';
import type { ExportInput } from './summarize-run.js';

/** The public vectors beside the repository root (`<repo>/../shared/vectors`). */
export const VECTORS_DIR = fileURLToPath(new URL('../../../../../../shared/vectors/', import.meta.url));

/** A file in the vectors folder, whether it exists, and a note for skipped tests. */
export function vector(relative: string): { path: string; present: boolean; note: string } {
  const path = `${VECTORS_DIR}${relative}`;
  const present = existsSync(path);
  return { path, present, note: present ? '' : ` (skipped: vector not found at ${path})` };
}

/** Text meant to break markup if anything forgets to escape it. */
export const HOSTILE = `<script>alert("x")</script> & 'quotes' ]]> \u0001`;

const HEADER: RunHeader = {
  spec: 'nanocode.run/v1',
  run_id: 'run-hand',
  tenant: 'acme',
  workflow: { name: 'support-answer', version: '3', digest: `sha256:${'a'.repeat(64)}` },
  profile: { name: 'prod', digest: `sha256:${'b'.repeat(64)}` },
  config_digest: `sha256:${'c'.repeat(64)}`,
  framework: { name: 'nanocode', version: '0.0.0-test' },
};

type Draft = {
  [T in EventType]: { type: T; step?: string; attempt?: number; data: EventData[T] };
}[EventType];

/** Seals hand-written events into a valid chain, one second apart from 2026-01-01T00:00:00Z. */
export function sealRun(options: { header?: Partial<RunHeader>; events: Draft[] }): ExportInput {
  const header = { ...HEADER, ...options.header };
  let second = 0;
  const log = createEventLog({
    header,
    clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(),
  });
  for (const event of options.events) log.append(event as Parameters<typeof log.append>[0]);
  return { header, events: log.events() };
}

const BUDGET = { attempts: 6, tokens: 20_000, cost_usd: 0.05, time_ms: 30_000 };
const verdict = (status: Verdict['status'], message: string): Verdict => ({ status, message, evidence: [] });
const check = (id: string, kind: string, severity: 'hard' | 'soft', v: Verdict) =>
  ({
    type: 'constraint.evaluated',
    step: 'answer',
    attempt: 1,
    data: { constraint: id, kind, severity, stage: 'output', target: 'attempt', verdict: v },
  }) as const;

/**
 * A released run with every kind of exception: a waived hard failure (with hostile text in the verdict and
 * the waiver reason), a soft violation and an unchecked constraint.
 */
export function exceptionsRun(): ExportInput {
  const failed = {
    ...verdict('fail', `too long ${HOSTILE}`),
    evidence: [{ path: '$.answer', value: HOSTILE }],
  };
  return sealRun({
    events: [
      { type: 'run.started', data: { run_id: 'run-hand', inputs_digest: 'sha256:00', budget: BUDGET } },
      { type: 'input.checked', data: { ok: true, constraint_ids: [] } },
      {
        type: 'step.started',
        step: 'answer',
        data: { kind: 'model', depends_on: [], adapters: ['openai:gpt-4o-mini'] },
      },
      {
        type: 'attempt.started',
        step: 'answer',
        attempt: 1,
        data: { adapter: 'openai:gpt-4o-mini', via: 'first', request_digest: 'sha256:01' },
      },
      {
        type: 'attempt.completed',
        step: 'answer',
        attempt: 1,
        data: {
          adapter: 'openai:gpt-4o-mini',
          model: 'gpt-4o-mini-2024-07-18',
          finish_reason: 'stop',
          usage: { input_tokens: 120, output_tokens: 45 },
          cost_usd: 0.0004,
          latency_ms: 812,
          output_digest: 'sha256:02',
        },
      },
      check('shape', 'json_schema', 'hard', verdict('pass', 'output matches the schema')),
      check('short', 'max_words', 'hard', failed),
      {
        type: 'waiver.applied',
        step: 'answer',
        attempt: 1,
        data: {
          constraint: 'answer.short',
          reason: `pilot ${HOSTILE}`,
          granted_by: 'risk-office',
          expires: '2999-01-01',
        },
      },
      check('tone', 'not_contains', 'soft', verdict('fail', 'contains "!"')),
      check('calm', 'expr', 'hard', verdict('error', 'no such key: missing')),
      {
        type: 'output.released',
        step: 'answer',
        data: { output_digest: 'sha256:02', source: 'attempt', checked: 'before_release' as const },
      },
      { type: 'step.completed', step: 'answer', data: { status: 'released' } },
      {
        type: 'run.completed',
        data: {
          outcome: 'certified_with_exceptions',
          constraints: [
            { step: 'answer', id: 'shape', status: 'enforced' },
            { step: 'answer', id: 'short', status: 'waived' },
            { step: 'answer', id: 'tone', status: 'violated' },
            { step: 'answer', id: 'calm', status: 'unchecked' },
          ],
          consumed: { attempts: 1, tokens: 165, cost_usd: 0.0004, time_ms: 900 },
          output_digest: 'sha256:02',
        },
      },
    ],
  });
}

/**
 * A run that climbs the whole ladder and stops: a retryable error, a retry, a hard failure, a fallback to a
 * second adapter, the same failure, budget exhaustion and a safe stop.
 */
export function stoppedRun(): ExportInput {
  const bad = {
    ...verdict('fail', 'schema violations: $ must have required property answer'),
    evidence: [{ path: '$' }],
  };
  const attempt = (n: number, adapter: string, via: 'first' | 'retry' | 'fallback') =>
    ({
      type: 'attempt.started',
      step: 'answer',
      attempt: n,
      data: { adapter, via, request_digest: 'sha256:10' },
    }) as const;
  const done = (n: number, adapter: string) =>
    ({
      type: 'attempt.completed',
      step: 'answer',
      attempt: n,
      data: {
        adapter,
        model: adapter.split(':')[1] ?? adapter,
        finish_reason: 'stop',
        usage: { input_tokens: 10, output_tokens: 5 },
        cost_usd: 0,
        latency_ms: 20,
        output_digest: 'sha256:11',
      },
    }) as const;
  const shape = (n: number) => ({ ...check('shape', 'json_schema', 'hard', bad), attempt: n });
  return sealRun({
    header: { run_id: 'run-stopped' },
    events: [
      {
        type: 'run.started',
        data: { run_id: 'run-stopped', inputs_digest: 'sha256:00', budget: { ...BUDGET, attempts: 3 } },
      },
      { type: 'input.checked', data: { ok: true, constraint_ids: [] } },
      {
        type: 'step.started',
        step: 'answer',
        data: { kind: 'model', depends_on: [], adapters: ['openai:a', 'anthropic:b'] },
      },
      attempt(1, 'openai:a', 'first'),
      {
        type: 'attempt.failed',
        step: 'answer',
        attempt: 1,
        data: {
          adapter: 'openai:a',
          error: { code: 'rate_limited', message: 'slow down', retryable: true, status: 429 },
          latency_ms: 3,
        },
      },
      {
        type: 'recovery.chosen',
        step: 'answer',
        attempt: 1,
        data: { strategy: 'retry', trigger: { error: 'rate_limited' }, from: 'openai:a', to: 'openai:a' },
      },
      attempt(2, 'openai:a', 'retry'),
      done(2, 'openai:a'),
      shape(2),
      {
        type: 'recovery.chosen',
        step: 'answer',
        attempt: 2,
        data: {
          strategy: 'fallback',
          trigger: { constraints: ['shape'] },
          from: 'openai:a',
          to: 'anthropic:b',
        },
      },
      attempt(3, 'anthropic:b', 'fallback'),
      done(3, 'anthropic:b'),
      shape(3),
      { type: 'budget.exhausted', step: 'answer', data: { dimension: 'attempts', limit: 3, consumed: 3 } },
      {
        type: 'recovery.chosen',
        step: 'answer',
        attempt: 3,
        data: { strategy: 'stop', trigger: { budget: 'attempts' }, from: 'anthropic:b', to: 'stop' },
      },
      { type: 'step.completed', step: 'answer', data: { status: 'stopped' } },
      {
        type: 'run.completed',
        data: {
          outcome: 'stopped',
          constraints: [{ step: 'answer', id: 'shape', status: 'not_applicable' }],
          consumed: { attempts: 3, tokens: 30, cost_usd: 0, time_ms: 1200 },
        },
      },
    ],
  });
}

/**
 * Real runs from the runner: certified, with a function step, soft violation, waived hard failure, stopped,
 * fallback on an error, refused input.
 */
export async function runnerRuns(): Promise<Record<string, ExportInput>> {
  const GOOD = { text: '{"answer":"ok"}' };
  const LONG = { text: '{"answer":"one two three four five"}' };
  const short = { id: 'short', kind: 'max_words', field: 'answer', value: 3 };
  const shape = { id: 'shape', kind: 'json_schema', schema: { type: 'object', required: ['answer'] } };
  const pick = ({ header, events }: { header: RunHeader; events: RunEvent[] }) => ({ header, events });
  const certified = await runTest({ workflow: oneStep({ replies: { a: [GOOD] } }) });
  const soft = await runTest({
    workflow: oneStep({ replies: { a: [LONG] }, constraints: [shape, { ...short, severity: 'soft' }] }),
  });
  const stopped = await runTest({
    workflow: oneStep({ replies: { a: [LONG, LONG] }, constraints: [shape, short] }),
  });
  const fallback = await runTest({
    workflow: oneStep({
      replies: { a: [{ error: { code: 'auth', status: 401 } }], b: [GOOD] },
      recovery: [{ retry: { max: 2, backoff_ms: 0 } }, { fallback: {} }, { stop: {} }],
    }),
  });
  const refused = await runTest({
    workflow: {
      ...oneStep({ replies: { a: [GOOD] } }),
      inputs: { question: { type: 'string', maxLength: 3 } },
    },
    inputs: { question: 'far too long' },
  });
  const waived = await runTest({
    workflow: oneStep({ replies: { a: [LONG] }, constraints: [shape, short], recovery: [{ stop: {} }] }),
    profile: {
      name: 'prod',
      waivers: [
        { constraint: 'answer.short', reason: 'pilot', granted_by: 'risk-office', expires: '2999-01-01' },
      ],
    },
  });
  const base = oneStep({ replies: { a: [GOOD] } });
  const withFunction = await runTest({
    workflow: {
      ...base,
      steps: {
        ...(base.steps as object),
        shout: { function: 'upper', args: { text: '{{ steps.answer.output.answer }}' } },
      },
    },
    more: { functions: { upper: (args) => String(args.text).toUpperCase() } },
  });
  return {
    certified: pick(certified),
    withFunction: pick(withFunction),
    soft: pick(soft),
    waived: pick(waived),
    stopped: pick(stopped),
    fallback: pick(fallback),
    refused: pick(refused),
  };
}

let runs: Promise<Record<string, ExportInput>> | undefined;

/** Every fixture run: hand-built ones and real runner runs (run once per test file; exports never mutate). */
export function allRuns(): Promise<Record<string, ExportInput>> {
  runs ??= runnerRuns().then((real) => ({ exceptions: exceptionsRun(), ladder: stoppedRun(), ...real }));
  return runs;
}
