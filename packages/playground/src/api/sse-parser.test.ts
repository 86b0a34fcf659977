import { describe, expect, it } from 'vitest';
import { readRecordedSse } from '../fixtures/recorded-sse.js';
import { createSseParser, type SseMessage } from './sse-parser.js';

function parseInChunks(text: string, size: number): SseMessage[] {
  const parser = createSseParser();
  const out: SseMessage[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  return [...out, ...parser.end()];
}

describe('createSseParser', () => {
  it('parses event, id and data fields, and keeps the last id', () => {
    const parser = createSseParser();
    expect(parser.push('event: run.started\nid: 0\ndata: {"seq":0}\n\ndata: plain\n\n')).toEqual([
      { event: 'run.started', data: '{"seq":0}', id: '0' },
      { event: 'message', data: 'plain', id: '0' },
    ]);
  });

  it('joins multi-line data with newlines', () => {
    const parser = createSseParser();
    expect(parser.push('data: first\ndata:second\ndata\ndata:  indented\n\n')).toEqual([
      { event: 'message', data: 'first\nsecond\n\n indented', id: undefined },
    ]);
  });

  it('skips comments and keep-alives, and blank-only blocks', () => {
    const parser = createSseParser();
    expect(parser.push(': heartbeat\n\n:\n\nevent: x\n\n')).toEqual([]);
    expect(parser.push(': heartbeat\ndata: after\n\n')).toEqual([
      { event: 'message', data: 'after', id: undefined },
    ]);
  });

  it('reassembles lines split across chunks, at any cut', () => {
    const text = 'event: a\nid: 7\ndata: {"x":"1"}\n\n: keep-alive\n\nevent: b\ndata: two\ndata: lines\n\n';
    const whole = parseInChunks(text, text.length);
    expect(whole).toEqual([
      { event: 'a', data: '{"x":"1"}', id: '7' },
      { event: 'b', data: 'two\nlines', id: '7' },
    ]);
    for (let size = 1; size < 12; size += 1) expect(parseInChunks(text, size)).toEqual(whole);
  });

  it('accepts CRLF and CR line ends, even a CRLF cut between chunks', () => {
    const crlf = 'data: one\r\n\r\ndata: two\r\r';
    for (let size = 1; size <= crlf.length; size += 1) {
      expect(parseInChunks(crlf, size)).toEqual([
        { event: 'message', data: 'one', id: undefined },
        { event: 'message', data: 'two', id: undefined },
      ]);
    }
  });

  it('discards a message the stream ends before its blank line', () => {
    const parser = createSseParser();
    expect(parser.push('data: complete\n\ndata: cut off\n')).toHaveLength(1);
    expect(parser.end()).toEqual([]);
  });

  it('reads retry and ignores unknown fields and a leading BOM', () => {
    const parser = createSseParser();
    expect(parser.push('\uFEFFretry: 2500\nfoo: bar\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: undefined, retry: 2500 },
    ]);
  });

  it('parses a recorded server stream into every event in order', () => {
    const recorded = readRecordedSse();
    for (const size of [recorded.length, 1000, 37]) {
      const messages = parseInChunks(recorded, size);
      const events = messages.map((m) => JSON.parse(m.data) as { seq: number; type: string });
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
      expect(messages.map((m) => m.event)).toEqual(events.map((e) => e.type));
      expect(messages.map((m) => m.id)).toEqual(events.map((e) => String(e.seq)));
      expect(events.at(-1)?.type).toBe('run.completed');
    }
  });

  it('refuses a message or a line over its bound instead of holding it all', () => {
    const lines = createSseParser({ maxMessageChars: 100 });
    expect(() => lines.push('data: '.padEnd(90, 'x'))).not.toThrow();
    expect(() => lines.push('x'.repeat(20))).toThrow(/over 100 characters/);
    const messages = createSseParser({ maxMessageChars: 100 });
    for (let i = 0; i < 6; i += 1) messages.push(`data: ${'y'.repeat(10)}\n`);
    expect(() => messages.push(`data: ${'y'.repeat(40)}\n`)).toThrow(/over 100 characters/);
    const fine = createSseParser({ maxMessageChars: 100 });
    for (let i = 0; i < 20; i += 1) expect(fine.push(`data: ${'z'.repeat(40)}\n\n`)).toHaveLength(1);
  });
});
