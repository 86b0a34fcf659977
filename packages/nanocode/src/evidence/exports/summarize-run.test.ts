import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText } from './escape-markup.js';
import { exceptionsRun, sealRun, stoppedRun } from './export-runs.test-util.js';
import { rowVerdict } from './row-verdict.js';
import { summarizeRun } from './summarize-run.js';

describe('summarizeRun', () => {
  it('joins final statuses with kind, severity, last verdict, evaluations and waiver', () => {
    const summary = summarizeRun(exceptionsRun());
    expect(summary.outcome).toBe('certified_with_exceptions');
    expect(summary.constraints.map((r) => [r.id, r.kind, r.severity, r.status, rowVerdict(r)])).toEqual([
      ['shape', 'json_schema', 'hard', 'enforced', 'passed'],
      ['short', 'max_words', 'hard', 'waived', 'waived'],
      ['tone', 'not_contains', 'soft', 'violated', 'failed'],
      ['calm', 'expr', 'hard', 'unchecked', 'errored'],
    ]);
    expect(summary.constraints[1]?.waiver).toMatchObject({
      granted_by: 'risk-office',
      expires: '2999-01-01',
    });
    expect(summary.models).toEqual([
      {
        adapter: 'openai:gpt-4o-mini',
        model: 'gpt-4o-mini-2024-07-18',
        attempts: 1,
        input_tokens: 120,
        output_tokens: 45,
        cost_usd: 0.0004,
      },
    ]);
  });

  it('pairs each attempt with its end and sums models over attempts', () => {
    const summary = summarizeRun(stoppedRun());
    expect(
      summary.attempts.map((a) => [
        a.attempt,
        a.adapter,
        a.via,
        a.failed !== undefined,
        a.completed !== undefined,
      ]),
    ).toEqual([
      [1, 'openai:a', 'first', true, false],
      [2, 'openai:a', 'retry', false, true],
      [3, 'anthropic:b', 'fallback', false, true],
    ]);
    expect(summary.models.map((m) => [m.adapter, m.attempts, m.input_tokens])).toEqual([
      ['openai:a', 2, 10],
      ['anthropic:b', 1, 10],
    ]);
    // The hard constraint that kept the step from releasing reads as failed, not as skipped.
    expect(summary.constraints.map(rowVerdict)).toEqual(['failed']);
    expect(summary.limits?.attempts).toBe(3);
    expect(summary.consumed?.attempts).toBe(3);
  });

  it('reads a log without run.completed as incomplete, listing what was evaluated', () => {
    const run = stoppedRun();
    const summary = summarizeRun({ ...run, events: run.events.slice(0, 10) });
    expect(summary.outcome).toBe('incomplete');
    expect(summary.finishedAt).toBeUndefined();
    expect(summary.constraints.map((r) => [r.step, r.id, r.status])).toEqual([
      ['answer', 'shape', 'not_applicable'],
    ]);
  });

  it('reads a hard constraint that passed last, in a stopped step, as skipped', () => {
    const run = sealRun({
      events: [
        {
          type: 'constraint.evaluated',
          step: 's',
          attempt: 1,
          data: {
            constraint: 'c',
            kind: 'regex',
            severity: 'hard',
            stage: 'output',
            target: 'attempt',
            verdict: { status: 'pass', message: 'ok', evidence: [] },
          },
        },
        {
          type: 'run.completed',
          data: {
            outcome: 'stopped',
            constraints: [{ step: 's', id: 'c', status: 'not_applicable' }],
            consumed: { attempts: 1, tokens: 0, cost_usd: 0, time_ms: 0 },
          },
        },
      ],
    });
    expect(summarizeRun(run).constraints.map(rowVerdict)).toEqual(['skipped']);
  });
});

describe('escapeText / escapeAttribute', () => {
  it('escapes markup and replaces characters XML cannot carry', () => {
    expect(escapeText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeText('a\u0000b\u001Fc\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeText('tab\tnew\nline \u{1F600}')).toBe('tab\tnew\nline \u{1F600}');
  });

  it('keeps tabs and line breaks in attributes as character references', () => {
    expect(escapeAttribute('a\tb\nc\rd"')).toBe('a&#9;b&#10;c&#13;d&quot;');
  });
});
