import type { RunEvent } from '../../spec/events.js';
import { type OtlpKeyValue, otlpAttributes, spanIdOf, traceIdOf, unixNanos } from './otlp-values.js';
import {
  type AttemptRow,
  type ExportInput,
  isEvent,
  modelOf,
  providerOf,
  type RunSummary,
  summarizeRun,
} from './summarize-run.js';

/** OTLP span kinds used here (proto enum values). */
const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
/** OTLP status code ERROR. Other spans leave the status unset, as OpenTelemetry recommends. */
const STATUS_CODE_ERROR = 2;

interface OtlpEvent {
  timeUnixNano: string;
  name: string;
  attributes: OtlpKeyValue[];
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: OtlpEvent[];
  status?: { code: number; message: string };
}

/**
 * Exports a run as OTLP/JSON lines: one `ExportTraceServiceRequest` per line (here one line per run), with
 * an `invoke_workflow` span for the run, a `chat` span per model attempt (function calls get an internal
 * span), OpenTelemetry GenAI attributes (semantic conventions v1.41), and a `gen_ai.evaluation.result`
 * event per constraint check on the attempt it checked. Ids are derived from the run id and event seq, so
 * exporting the same run twice gives the same trace.
 */
export function toOtlpJsonLines(input: ExportInput): string {
  const summary = summarizeRun(input);
  const runId = input.header.run_id;
  const traceId = traceIdOf(runId);
  const root = rootSpan({ input, summary, traceId });
  const attemptSpans = new Map<string, OtlpSpan>();
  const spans = [root];
  for (const row of summary.attempts) {
    const span = attemptSpan({ row, traceId, parent: root.spanId, runId });
    attemptSpans.set(`${row.step}\u0000${row.attempt}`, span);
    spans.push(span);
  }
  for (const event of input.events) {
    const target = attemptSpans.get(attemptKeyOf(event)) ?? root;
    const otlpEvent = spanEvent(event);
    if (otlpEvent) target.events.push(otlpEvent);
  }
  const request = {
    resourceSpans: [
      {
        resource: {
          attributes: otlpAttributes({ 'service.name': 'nanocode', 'nanocode.tenant': input.header.tenant }),
        },
        scopeSpans: [{ scope: { name: 'nanocode', version: input.header.framework.version }, spans }],
      },
    ],
  };
  return `${JSON.stringify(request)}\n`;
}

/** The attempt whose span an event belongs on; checks of a degrade answer or of inputs belong to the run. */
function attemptKeyOf(event: RunEvent): string {
  if (event.attempt === undefined) return '';
  if (
    isEvent(event, 'constraint.evaluated') &&
    (event.data.target === 'degrade' || event.data.target === 'input')
  ) {
    return '';
  }
  return `${event.step ?? ''}\u0000${event.attempt}`;
}

function rootSpan(options: { input: ExportInput; summary: RunSummary; traceId: string }): OtlpSpan {
  const { input, summary, traceId } = options;
  const { header } = input;
  const consumed = summary.consumed;
  const failed = summary.outcome === 'error' || summary.outcome === 'stopped';
  const tokens = (side: 'input_tokens' | 'output_tokens') =>
    summary.models.reduce((sum, m) => sum + m[side], 0);
  return {
    traceId,
    spanId: spanIdOf({ runId: header.run_id, seq: input.events[0]?.seq ?? 0 }),
    name: `invoke_workflow ${header.workflow.name}`,
    kind: SPAN_KIND_INTERNAL,
    startTimeUnixNano: unixNanos(summary.startedAt),
    endTimeUnixNano: unixNanos(summary.finishedAt ?? input.events.at(-1)?.ts),
    attributes: otlpAttributes({
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': header.workflow.name,
      'gen_ai.usage.input_tokens': { int: tokens('input_tokens') },
      'gen_ai.usage.output_tokens': { int: tokens('output_tokens') },
      'error.type': summary.error?.code ?? (failed ? summary.outcome : undefined),
      'nanocode.run_id': header.run_id,
      'nanocode.tenant': header.tenant,
      'nanocode.workflow.version': header.workflow.version,
      'nanocode.workflow.digest': header.workflow.digest,
      'nanocode.profile.name': header.profile.name,
      'nanocode.config_digest': header.config_digest,
      'nanocode.outcome': summary.outcome,
      'nanocode.budget.consumed.attempts': consumed ? { int: consumed.attempts } : undefined,
      'nanocode.budget.consumed.tokens': consumed ? { int: consumed.tokens } : undefined,
      'nanocode.budget.consumed.cost_usd': consumed ? { double: consumed.cost_usd } : undefined,
      'nanocode.budget.consumed.time_ms': consumed ? { int: consumed.time_ms } : undefined,
      'nanocode.verification.ok': input.verification?.ok,
      'nanocode.verification.message': input.verification?.message,
    }),
    events: [],
    ...(failed
      ? { status: { code: STATUS_CODE_ERROR, message: summary.error?.message ?? summary.outcome } }
      : {}),
  };
}

function attemptSpan(options: { row: AttemptRow; traceId: string; parent: string; runId: string }): OtlpSpan {
  const { row } = options;
  const done = row.completed?.data;
  const failed = row.failed?.data;
  const common = otlpAttributes({
    'nanocode.step': row.step,
    'nanocode.attempt': { int: row.attempt },
    'nanocode.via': row.via,
    'nanocode.adapter': row.adapter,
  });
  const base = {
    traceId: options.traceId,
    spanId: spanIdOf({ runId: options.runId, seq: row.started.seq }),
    parentSpanId: options.parent,
    startTimeUnixNano: unixNanos(row.started.ts),
    endTimeUnixNano: unixNanos((row.completed ?? row.failed ?? row.started).ts),
    events: [],
    ...(failed ? { status: { code: STATUS_CODE_ERROR, message: failed.error.message } } : {}),
  };
  if (row.isFunction) {
    const error = otlpAttributes({ 'error.type': failed?.error.code });
    return {
      ...base,
      name: `function ${modelOf(row.adapter)}`,
      kind: SPAN_KIND_INTERNAL,
      attributes: [...common, ...error],
    };
  }
  const model = modelOf(row.adapter);
  const attributes = otlpAttributes({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': providerOf(row.adapter),
    'gen_ai.request.model': model,
    'gen_ai.response.model': done?.model,
    'gen_ai.response.finish_reasons': done ? [done.finish_reason] : undefined,
    'gen_ai.usage.input_tokens': done ? { int: done.usage.input_tokens } : undefined,
    'gen_ai.usage.output_tokens': done ? { int: done.usage.output_tokens } : undefined,
    'error.type': failed?.error.code,
    'nanocode.cost_usd': done && done.cost_usd !== null ? { double: done.cost_usd } : undefined,
    'nanocode.latency_ms': { int: (done ?? failed)?.latency_ms ?? 0 },
    'nanocode.output_digest': done?.output_digest,
  });
  return { ...base, name: `chat ${model}`, kind: SPAN_KIND_CLIENT, attributes: [...attributes, ...common] };
}

/** The span event for one run event, or undefined for events that spans already describe. */
function spanEvent(event: RunEvent): OtlpEvent | undefined {
  const at = (name: string, attributes: OtlpKeyValue[]) => ({
    timeUnixNano: unixNanos(event.ts),
    name,
    attributes: [...attributes, ...otlpAttributes({ 'nanocode.seq': { int: event.seq } })],
  });
  if (isEvent(event, 'constraint.evaluated')) {
    const { verdict } = event.data;
    return at(
      'gen_ai.evaluation.result',
      otlpAttributes({
        'gen_ai.evaluation.name': event.data.constraint,
        'gen_ai.evaluation.score.label': verdict.status,
        'gen_ai.evaluation.score.value':
          verdict.status === 'error' ? undefined : { double: verdict.status === 'pass' ? 1 : 0 },
        'gen_ai.evaluation.explanation': verdict.message,
        'error.type': verdict.status === 'error' ? 'constraint_error' : undefined,
        'nanocode.step': event.step,
        'nanocode.constraint.kind': event.data.kind,
        'nanocode.constraint.severity': event.data.severity,
        'nanocode.constraint.stage': event.data.stage,
        'nanocode.constraint.target': event.data.target,
      }),
    );
  }
  if (isEvent(event, 'recovery.chosen')) {
    const { trigger } = event.data;
    return at(
      'nanocode.recovery.chosen',
      otlpAttributes({
        'nanocode.step': event.step,
        'nanocode.recovery.strategy': event.data.strategy,
        'nanocode.recovery.from': event.data.from,
        'nanocode.recovery.to': event.data.to,
        'nanocode.recovery.trigger.constraints': trigger.constraints,
        'nanocode.recovery.trigger.error': trigger.error,
        'nanocode.recovery.trigger.budget': trigger.budget,
      }),
    );
  }
  if (isEvent(event, 'waiver.applied') || isEvent(event, 'waiver.expired')) {
    return at(
      `nanocode.${event.type}`,
      otlpAttributes({
        'nanocode.step': event.step,
        'nanocode.waiver.constraint': event.data.constraint,
        'nanocode.waiver.reason': event.data.reason,
        'nanocode.waiver.granted_by': event.data.granted_by,
        'nanocode.waiver.expires': event.data.expires,
      }),
    );
  }
  if (isEvent(event, 'budget.exhausted')) {
    return at(
      'nanocode.budget.exhausted',
      otlpAttributes({
        'nanocode.step': event.step,
        'nanocode.budget.exhausted.dimension': event.data.dimension,
        'nanocode.budget.exhausted.limit': { double: event.data.limit },
        'nanocode.budget.exhausted.consumed': { double: event.data.consumed },
      }),
    );
  }
  if (isEvent(event, 'output.released')) {
    return at(
      'nanocode.output.released',
      otlpAttributes({
        'nanocode.step': event.step,
        'nanocode.output.source': event.data.source,
        'nanocode.output_digest': event.data.output_digest,
      }),
    );
  }
  return undefined;
}
