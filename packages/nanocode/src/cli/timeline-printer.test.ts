import { describe, expect, it } from 'vitest';
import type { EventData, EventType, RunEvent } from '../spec/events.js';
import { createTimelinePrinter, formatResult } from './timeline-printer.js';

let seq = 0;
function ev<T extends EventType>(
  type: T,
  data: EventData[T],
  extra: { step?: string; attempt?: number } = {},
) {
  const event: RunEvent<T> = {
    seq: seq++,
    ts: '2025-01-01T00:00:00.000Z',
    type,
    data,
    prev: 'sha256:0',
    hash: 'sha256:1',
    ...extra,
  };
  return event as unknown as RunEvent;
}

const verdictFail = { status: 'fail' as const, message: 'output is not valid JSON', evidence: [] };
const verdictPass = { status: 'pass' as const, message: 'ok', evidence: [] };
const usage = { input_tokens: 20, output_tokens: 14 };
const completed = (adapter: string) => ({
  adapter,
  model: adapter,
  finish_reason: 'stop',
  usage,
  cost_usd: 0,
  latency_ms: 1,
  output_digest: 'sha256:x',
});

const RUN: RunEvent[] = [
  ev('run.started', {
    run_id: '01HRUN',
    inputs_digest: 'sha256:i',
    budget: { attempts: 6, tokens: 20000, cost_usd: 0.05, time_ms: 30000 },
  }),
  ev('input.checked', { ok: true, constraint_ids: [] }),
  ev(
    'step.started',
    { kind: 'model', depends_on: [], adapters: ['scripted:primary', 'scripted:backup'] },
    { step: 'answer' },
  ),
  ev(
    'attempt.started',
    { adapter: 'scripted:primary', via: 'first', request_digest: 'sha256:r' },
    { step: 'answer', attempt: 1 },
  ),
  ev('attempt.completed', completed('scripted:primary'), { step: 'answer', attempt: 1 }),
  ev(
    'constraint.evaluated',
    {
      constraint: 'shape',
      kind: 'json_schema',
      severity: 'hard',
      stage: 'output',
      target: 'attempt',
      verdict: verdictFail,
    },
    { step: 'answer', attempt: 1 },
  ),
  ev(
    'recovery.chosen',
    {
      strategy: 'retry',
      trigger: { constraints: ['shape', 'grounded'] },
      from: 'scripted:primary',
      to: 'scripted:primary',
    },
    { step: 'answer', attempt: 1 },
  ),
  ev(
    'attempt.failed',
    {
      adapter: 'scripted:primary',
      error: { code: 'rate_limited', message: 'slow down', retryable: true, status: 429 },
      latency_ms: 2,
    },
    { step: 'answer', attempt: 2 },
  ),
  ev(
    'recovery.chosen',
    {
      strategy: 'fallback',
      trigger: { error: 'rate_limited' },
      from: 'scripted:primary',
      to: 'scripted:backup',
    },
    { step: 'answer', attempt: 2 },
  ),
  ev('attempt.completed', completed('scripted:backup'), { step: 'answer', attempt: 3 }),
  ev(
    'constraint.evaluated',
    {
      constraint: 'shape',
      kind: 'json_schema',
      severity: 'hard',
      stage: 'output',
      target: 'attempt',
      verdict: verdictPass,
    },
    { step: 'answer', attempt: 3 },
  ),
  ev(
    'waiver.applied',
    { constraint: 'grounded', reason: 'pilot', granted_by: 'ops', expires: '2030-01-01' },
    { step: 'answer' },
  ),
  ev(
    'output.released',
    { output_digest: 'sha256:o', source: 'attempt', checked: 'before_release' as const },
    { step: 'answer' },
  ),
  ev('step.completed', { status: 'released' }, { step: 'answer' }),
  ev('budget.exhausted', { dimension: 'tokens', limit: 100, consumed: 102 }),
  ev('run.completed', {
    outcome: 'certified',
    constraints: [
      { step: 'answer', id: 'grounded', status: 'waived' },
      { step: 'answer', id: 'shape', status: 'enforced' },
    ],
    consumed: { attempts: 3, tokens: 412, cost_usd: 0, time_ms: 5 },
  }),
];

function render(events: RunEvent[], color = false): string[] {
  const printer = createTimelinePrinter({ color });
  return events.flatMap((e) => printer.format(e));
}

describe('createTimelinePrinter', () => {
  it('prints steps, attempts, verdicts, ladder moves, waivers, budget and the outcome', () => {
    const lines = render(RUN);
    expect(lines).toEqual([
      'run 01HRUN · budget 6 attempts, 20000 tokens, $0.0500, 30000 ms',
      '✓ inputs checked',
      'note: scripted adapters replay replies written in the workflow file; no model is called',
      '▸ step answer (model: scripted:primary, scripted:backup)',
      '  attempt 1 on scripted:primary … 34 tokens, 1 ms',
      '  ✗ shape (json_schema, hard): output is not valid JSON',
      '  ↻ retry (trigger: shape, grounded)',
      '  attempt 2 on scripted:primary ✗ rate_limited 429, retryable: slow down',
      '  ↻ fallback scripted:primary → scripted:backup (trigger: rate_limited)',
      '  attempt 3 on scripted:backup … 34 tokens, 1 ms',
      '  ✓ shape (json_schema, hard)',
      '  ⚑ waived grounded: pilot (granted by ops, expires 2030-01-01)',
      '  ✓ released answer',
      '⚠ budget exhausted: tokens 102 of 100',
      '  ⚑ answer.grounded waived',
      'outcome: certified · 3 attempts · 412 tokens · $0.0000 · run 01HRUN',
    ]);
  });

  it('uses no escape codes without colour and some with it', () => {
    const plain = render(RUN).join('\n');
    const coloured = render(RUN, true).join('\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes on purpose
    const ansi = /\u001b\[/;
    expect(plain).not.toMatch(ansi);
    expect(coloured).toMatch(ansi);
  });

  it('tags lines with their step while steps run concurrently, then re-prints the header', () => {
    const lines = render([
      ev('step.started', { kind: 'model', depends_on: [], adapters: ['scripted:a'] }, { step: 'one' }),
      ev('step.started', { kind: 'function', depends_on: [], adapters: [] }, { step: 'two' }),
      ev(
        'output.released',
        { output_digest: 'sha256:o', source: 'function', checked: 'before_release' as const },
        { step: 'two' },
      ),
      ev('step.completed', { status: 'released' }, { step: 'two' }),
      ev(
        'output.released',
        { output_digest: 'sha256:o', source: 'repair', checked: 'before_release' as const },
        { step: 'one' },
      ),
    ]);
    expect(lines).toEqual([
      'note: scripted adapters replay replies written in the workflow file; no model is called',
      '▸ step one (model: scripted:a)',
      '▸ step two (function)',
      '  [two] ✓ released two (from function)',
      '▸ step one (continued)',
      '  ✓ released one (from repair)',
    ]);
  });

  it('shows degrade, stop, soft violations and errors', () => {
    const lines = render([
      ev(
        'recovery.chosen',
        { strategy: 'degrade', trigger: { budget: 'attempts' }, from: 'scripted:a', to: 'degrade:output' },
        { step: 'answer' },
      ),
      ev(
        'constraint.evaluated',
        {
          constraint: 'short',
          kind: 'max_words',
          severity: 'soft',
          stage: 'output',
          target: 'degrade',
          verdict: { status: 'error', message: 'boom', evidence: [] },
        },
        { step: 'answer' },
      ),
      ev(
        'recovery.chosen',
        { strategy: 'stop', trigger: { constraints: ['short'] }, from: 'degrade:output', to: 'stop' },
        { step: 'answer' },
      ),
      ev(
        'repair.applied',
        { fixes: ['trim'], output_digest: 'sha256:r', changed: false },
        { step: 'answer' },
      ),
      ev('step.completed', { status: 'stopped' }, { step: 'answer' }),
      ev('run.completed', {
        outcome: 'error',
        constraints: [],
        consumed: { attempts: 1, tokens: 0, cost_usd: 0.00123, time_ms: 1 },
        error: { code: 'NC_RUN_INTERNAL', message: 'oops' },
      }),
    ]);
    expect(lines).toEqual([
      '▸ step answer (continued)',
      '  ↓ degrade output (trigger: budget attempts)',
      '  ! short (max_words, soft) [degrade]: error: boom',
      '  ■ stop (trigger: short)',
      '  repaired with trim (no change)',
      '  ■ step answer stopped',
      'error: NC_RUN_INTERNAL oops',
      'outcome: error · 1 attempt · 0 tokens · $0.0012',
    ]);
  });
});

describe('input checks', () => {
  it('print flush left without a step header', () => {
    const lines = render([
      ev(
        'constraint.evaluated',
        {
          constraint: 'sane-input',
          kind: 'max_length',
          severity: 'hard',
          stage: 'input',
          target: 'input',
          verdict: { status: 'fail', message: 'too long', evidence: [] },
        },
        { step: '$input' },
      ),
      ev('input.checked', { ok: false, constraint_ids: ['sane-input'], message: 'too long' }),
    ]);
    expect(lines).toEqual([
      '✗ sane-input (max_length, hard) [input]: too long',
      '✗ inputs refused: too long',
    ]);
  });
});

describe('formatResult', () => {
  it('prints text as is and other values as indented JSON', () => {
    expect(formatResult({ output: 'hello' })).toBe('hello');
    expect(formatResult({ output: { a: [1] } })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
