import type { RunEvent } from '../../spec/events.js';
import { isEvent } from './summarize-run.js';

/** One row of the report's ladder timeline: plain text, escaped by the caller. */
export interface TimelineRow {
  seq: number;
  ts: string;
  step: string;
  what: string;
  detail: string;
  /** A fixed CSS class name: `ok`, `bad`, `warn`, `move` or `plain`. */
  tone: 'ok' | 'bad' | 'warn' | 'move' | 'plain';
}

/** The run's events as timeline rows: attempts, verdicts, waivers and every recovery-ladder move. */
export function timelineRows(events: readonly RunEvent[]): TimelineRow[] {
  return events.map((event) => ({
    seq: event.seq,
    ts: event.ts,
    step: event.step ?? '',
    what: event.type,
    ...describe(event),
  }));
}

function describe(e: RunEvent): Pick<TimelineRow, 'detail' | 'tone'> {
  if (isEvent(e, 'run.started')) return { detail: `inputs ${e.data.inputs_digest}`, tone: 'plain' };
  if (isEvent(e, 'input.checked')) {
    const detail = e.data.ok ? 'inputs accepted' : `inputs refused: ${e.data.message ?? ''}`;
    return { detail, tone: e.data.ok ? 'ok' : 'bad' };
  }
  if (isEvent(e, 'step.started')) {
    const on = e.data.adapters.length > 0 ? ` on ${e.data.adapters.join(', ')}` : '';
    return { detail: `${e.data.kind} step${on}`, tone: 'plain' };
  }
  if (isEvent(e, 'attempt.started')) {
    return { detail: `attempt ${e.attempt ?? '?'} on ${e.data.adapter} (${e.data.via})`, tone: 'plain' };
  }
  if (isEvent(e, 'attempt.completed')) {
    const { usage } = e.data;
    const detail = `${e.data.model}: ${usage.input_tokens} in / ${usage.output_tokens} out tokens, ${e.data.latency_ms} ms, $${e.data.cost_usd}`;
    return { detail, tone: 'ok' };
  }
  if (isEvent(e, 'attempt.failed')) {
    const status = e.data.error.status === undefined ? '' : ` (${e.data.error.status})`;
    return { detail: `${e.data.error.code}${status}: ${e.data.error.message}`, tone: 'bad' };
  }
  if (isEvent(e, 'constraint.evaluated')) {
    const { verdict } = e.data;
    const on = e.data.target === 'attempt' ? '' : ` [${e.data.target}]`;
    const detail = `${e.data.constraint} (${e.data.kind}, ${e.data.severity})${on}: ${verdict.status}, ${verdict.message}`;
    const tone = verdict.status === 'pass' ? 'ok' : e.data.severity === 'hard' ? 'bad' : 'warn';
    return { detail, tone };
  }
  if (isEvent(e, 'waiver.applied') || isEvent(e, 'waiver.expired')) {
    const { data } = e;
    const verb = e.type === 'waiver.applied' ? 'waived' : 'waiver expired, not applied:';
    return {
      detail: `${verb} ${data.constraint}: ${data.reason} (granted by ${data.granted_by}, expires ${data.expires})`,
      tone: 'warn',
    };
  }
  if (isEvent(e, 'recovery.chosen')) {
    const t = e.data.trigger;
    const trigger = [
      ...(t.constraints ?? []),
      ...(t.error ? [t.error] : []),
      ...(t.budget ? [`budget ${t.budget}`] : []),
    ];
    return {
      detail: `${e.data.strategy}: ${e.data.from} → ${e.data.to} (trigger: ${trigger.join(', ') || 'none'})`,
      tone: 'move',
    };
  }
  if (isEvent(e, 'repair.applied')) {
    return {
      detail: `${e.data.fixes.join(', ') || 'no fix'}${e.data.changed ? '' : ' (no change)'}`,
      tone: 'move',
    };
  }
  if (isEvent(e, 'budget.exhausted')) {
    return { detail: `${e.data.dimension}: ${e.data.consumed} of ${e.data.limit}`, tone: 'bad' };
  }
  if (isEvent(e, 'output.released')) {
    return { detail: `from ${e.data.source}, ${e.data.output_digest}`, tone: 'ok' };
  }
  if (isEvent(e, 'step.completed')) {
    const s = e.data.status;
    return { detail: s, tone: s === 'released' ? 'ok' : s === 'degraded' ? 'warn' : 'bad' };
  }
  if (isEvent(e, 'run.completed')) {
    const error = e.data.error ? `: ${e.data.error.code} ${e.data.error.message}` : '';
    return { detail: `${e.data.outcome}${error}`, tone: 'plain' };
  }
  return { detail: '', tone: 'plain' };
}
