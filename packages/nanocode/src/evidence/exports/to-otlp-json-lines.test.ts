import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allRuns, exceptionsRun, stoppedRun, vector } from './export-runs.test-util.js';
import { toOtlpJsonLines } from './to-otlp-json-lines.js';

// The proto-JSON (lowerCamelCase) field names of every message an ExportTraceServiceRequest can hold, with
// the message type of each field ('' for scalars and enums). Derived from opentelemetry-proto v1
// (collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto,
// resource/v1/resource.proto); the vectors hold no .proto files, only examples/trace.json, which the
// walker is checked against below.
const PROTO: Record<string, Record<string, string>> = {
  ExportTraceServiceRequest: { resourceSpans: 'ResourceSpans' },
  ResourceSpans: { resource: 'Resource', scopeSpans: 'ScopeSpans', schemaUrl: '' },
  Resource: { attributes: 'KeyValue', droppedAttributesCount: '', entityRefs: 'EntityRef' },
  EntityRef: { schemaUrl: '', type: '', idKeys: '', descriptionKeys: '' },
  ScopeSpans: { scope: 'InstrumentationScope', spans: 'Span', schemaUrl: '' },
  InstrumentationScope: { name: '', version: '', attributes: 'KeyValue', droppedAttributesCount: '' },
  Span: {
    traceId: '',
    spanId: '',
    traceState: '',
    parentSpanId: '',
    flags: '',
    name: '',
    kind: '',
    startTimeUnixNano: '',
    endTimeUnixNano: '',
    attributes: 'KeyValue',
    droppedAttributesCount: '',
    events: 'Event',
    droppedEventsCount: '',
    links: 'Link',
    droppedLinksCount: '',
    status: 'Status',
  },
  Event: { timeUnixNano: '', name: '', attributes: 'KeyValue', droppedAttributesCount: '' },
  Link: {
    traceId: '',
    spanId: '',
    traceState: '',
    attributes: 'KeyValue',
    droppedAttributesCount: '',
    flags: '',
  },
  Status: { message: '', code: '' },
  KeyValue: { key: '', value: 'AnyValue' },
  AnyValue: {
    stringValue: '',
    boolValue: '',
    intValue: '',
    doubleValue: '',
    arrayValue: 'ArrayValue',
    kvlistValue: 'KeyValueList',
    bytesValue: '',
  },
  ArrayValue: { values: 'AnyValue' },
  KeyValueList: { values: 'KeyValue' },
};

/** Every key that is not a field of its message, as `path: key`. */
function unknownFields(value: unknown, type: string, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, type, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const fields = PROTO[type] ?? {};
  return Object.entries(value).flatMap(([key, child]) => {
    if (!Object.hasOwn(fields, key)) return [`${path}: ${key} is not a field of ${type}`];
    const childType = fields[key] ?? '';
    return childType === '' ? [] : unknownFields(child, childType, `${path}.${key}`);
  });
}

interface Kv {
  key: string;
  value: Record<string, unknown>;
}
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Kv[];
  events: Array<{ timeUnixNano: string; name: string; attributes: Kv[] }>;
  status?: { code: number; message: string };
}

function spansOf(text: string): Span[] {
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const request = JSON.parse(lines[0] ?? '');
  return request.resourceSpans.flatMap((r: { scopeSpans: Array<{ spans: Span[] }> }) =>
    r.scopeSpans.flatMap((s) => s.spans),
  );
}

const attr = (kvs: Kv[], key: string) => kvs.find((kv) => kv.key === key)?.value;

const exampleTrace = vector('otel/otlp-json/trace.json');
const registry = vector('otel/semconv-gen-ai-v1.41.1/model/registry.yaml');
const semconvEvents = vector('otel/semconv-gen-ai-v1.41.1/model/events.yaml');

describe('toOtlpJsonLines', () => {
  it.skipIf(!exampleTrace.present)(
    `field walker accepts the upstream example, rejects other names${exampleTrace.note}`,
    () => {
      const example = JSON.parse(readFileSync(exampleTrace.path, 'utf8'));
      expect(unknownFields(example, 'ExportTraceServiceRequest')).toEqual([]);
      expect(unknownFields({ resourceSpans: [{ scope_spans: [] }] }, 'ExportTraceServiceRequest')).toEqual([
        '$.resourceSpans[0]: scope_spans is not a field of ResourceSpans',
      ]);
    },
  );

  it('writes only OTLP proto-JSON field names, hex ids and decimal-string times, for every fixture run', async () => {
    for (const [name, run] of Object.entries(await allRuns())) {
      const text = toOtlpJsonLines(run);
      expect(text.endsWith('\n'), name).toBe(true);
      expect(unknownFields(JSON.parse(text), 'ExportTraceServiceRequest'), name).toEqual([]);
      const spans = spansOf(text);
      for (const span of spans) {
        expect(span.traceId, name).toMatch(/^[0-9a-f]{32}$/);
        expect(span.spanId, name).toMatch(/^[0-9a-f]{16}$/);
        if (span.parentSpanId !== undefined) expect(span.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
        expect(span.startTimeUnixNano).toMatch(/^\d+$/);
        expect(span.endTimeUnixNano).toMatch(/^\d+$/);
        expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
        for (const event of span.events) expect(event.timeUnixNano).toMatch(/^\d+$/);
      }
      expect(new Set(spans.map((s) => s.spanId)).size, name).toBe(spans.length);
      expect(new Set(spans.map((s) => s.traceId)).size, name).toBe(1);
    }
  });

  it('has an invoke_workflow root span and a chat span per attempt, parented to it', () => {
    const run = stoppedRun();
    const spans = spansOf(toOtlpJsonLines(run));
    const [root, ...rest] = spans;
    expect(root?.name).toBe('invoke_workflow support-answer');
    expect(root?.parentSpanId).toBeUndefined();
    expect(attr(root?.attributes ?? [], 'gen_ai.operation.name')).toEqual({ stringValue: 'invoke_workflow' });
    expect(root?.status).toEqual({ code: 2, message: 'stopped' });
    expect(rest.map((s) => s.name)).toEqual(['chat a', 'chat a', 'chat b']);
    expect(rest.every((s) => s.parentSpanId === root?.spanId && s.kind === 3)).toBe(true);
    const started = run.events.filter((e) => e.type === 'attempt.started');
    expect(rest.map((s) => s.startTimeUnixNano)).toEqual(
      started.map((e) => (BigInt(Date.parse(e.ts)) * 1_000_000n).toString()),
    );
    const [failed, retried, fallback] = rest;
    expect(failed?.status).toEqual({ code: 2, message: 'slow down' });
    expect(attr(failed?.attributes ?? [], 'error.type')).toEqual({ stringValue: 'rate_limited' });
    expect(attr(fallback?.attributes ?? [], 'gen_ai.provider.name')).toEqual({ stringValue: 'anthropic' });
    expect(attr(retried?.attributes ?? [], 'gen_ai.usage.input_tokens')).toEqual({ intValue: '10' });
    expect(attr(retried?.attributes ?? [], 'nanocode.via')).toEqual({ stringValue: 'retry' });
    // Ladder moves sit on the attempt they follow; budget exhaustion on the run.
    expect(failed?.events.map((e) => e.name)).toEqual(['nanocode.recovery.chosen']);
    expect(root?.events.map((e) => e.name)).toEqual(['nanocode.budget.exhausted']);
  });

  it('puts a gen_ai.evaluation.result event per constraint check on the checked attempt', () => {
    const run = exceptionsRun();
    const [root, chat] = spansOf(toOtlpJsonLines(run));
    const evaluations = chat?.events.filter((e) => e.name === 'gen_ai.evaluation.result') ?? [];
    expect(evaluations).toHaveLength(run.events.filter((e) => e.type === 'constraint.evaluated').length);
    const rows = evaluations.map((e) => [
      attr(e.attributes, 'gen_ai.evaluation.name')?.stringValue,
      attr(e.attributes, 'gen_ai.evaluation.score.label')?.stringValue,
      attr(e.attributes, 'gen_ai.evaluation.score.value')?.doubleValue,
    ]);
    expect(rows).toEqual([
      ['shape', 'pass', 1],
      ['short', 'fail', 0],
      ['tone', 'fail', 0],
      ['calm', 'error', undefined],
    ]);
    expect(attr(evaluations[3]?.attributes ?? [], 'gen_ai.evaluation.explanation')).toEqual({
      stringValue: 'no such key: missing',
    });
    expect(attr(chat?.attributes ?? [], 'gen_ai.response.model')).toEqual({
      stringValue: 'gpt-4o-mini-2024-07-18',
    });
    expect(attr(chat?.attributes ?? [], 'gen_ai.request.model')).toEqual({ stringValue: 'gpt-4o-mini' });
    expect(attr(root?.attributes ?? [], 'nanocode.outcome')).toEqual({
      stringValue: 'certified_with_exceptions',
    });
    expect(root?.status).toBeUndefined();
  });

  it.skipIf(!registry.present || !semconvEvents.present)(
    `uses only gen_ai names the GenAI semantic conventions v1.41.1 define${registry.note}`,
    async () => {
      type Attribute = { id: string; type?: { members?: Array<{ value: string }> } };
      const groups = parse(readFileSync(registry.path, 'utf8')).groups as Array<{ attributes?: Attribute[] }>;
      const defined = new Map(groups.flatMap((g) => g.attributes ?? []).map((a) => [a.id, a]));
      const operations = defined.get('gen_ai.operation.name')?.type?.members?.map((m) => m.value) ?? [];
      const eventNames = (
        parse(readFileSync(semconvEvents.path, 'utf8')).groups as Array<{ name?: string }>
      ).map((g) => g.name);
      for (const [name, run] of Object.entries(await allRuns())) {
        for (const span of spansOf(toOtlpJsonLines(run))) {
          const keys = [...span.attributes, ...span.events.flatMap((e) => e.attributes)].map((kv) => kv.key);
          for (const key of keys) {
            if (key.startsWith('gen_ai.')) expect(defined.has(key), `${name}: ${key}`).toBe(true);
            else expect(key, name).toMatch(/^(nanocode\.|error\.type$)/);
          }
          const operation = attr(span.attributes, 'gen_ai.operation.name')?.stringValue;
          if (operation !== undefined) expect(operations).toContain(operation);
          for (const event of span.events.filter((e) => e.name.startsWith('gen_ai.'))) {
            expect(eventNames).toContain(event.name);
          }
        }
      }
      expect(operations).toEqual(expect.arrayContaining(['chat', 'invoke_workflow']));
    },
  );

  it('derives ids from the run id alone: same run, same trace; another run, another trace', () => {
    const run = exceptionsRun();
    expect(toOtlpJsonLines(run)).toBe(toOtlpJsonLines(run));
    const other = { ...run, header: { ...run.header, run_id: 'run-other' } };
    expect(spansOf(toOtlpJsonLines(other))[0]?.traceId).not.toBe(spansOf(toOtlpJsonLines(run))[0]?.traceId);
  });

  it('gives a function step an internal span, not a chat span', async () => {
    const { withFunction } = await allRuns();
    const spans = spansOf(toOtlpJsonLines(withFunction as NonNullable<typeof withFunction>));
    expect(spans.map((s) => [s.name, s.kind])).toEqual([
      ['invoke_workflow one-step', 1],
      ['chat a', 3],
      ['function upper', 1],
    ]);
    expect(attr(spans[2]?.attributes ?? [], 'gen_ai.operation.name')).toBeUndefined();
  });
});
