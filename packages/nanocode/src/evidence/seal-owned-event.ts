import type { EventData, EventType, RunEvent } from '../spec/events.js';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './digest.js';

/** The fields of an event the log builds itself: exactly these, nothing else. */
export interface OwnedEventBody<T extends EventType> {
  seq: number;
  ts: string;
  type: T;
  step?: string;
  attempt?: number;
  data: EventData[T];
  prev: string;
}

/**
 * Seals an event whose shape the log controls, canonically by construction: the envelope's keys are
 * written in their RFC 8785 order (attempt, data, prev, seq, step, ts, type) and only `data` goes
 * through the general serializer. The event takes ownership of `data` (no copy); the event object
 * itself is frozen. A property test checks the bytes against the `canonicalize` library.
 */
export function sealOwnedEvent<T extends EventType>(body: OwnedEventBody<T>): RunEvent<T> {
  let json = '{';
  if (body.attempt !== undefined) json += `"attempt":${canonicalJson(body.attempt)},`;
  json += `"data":${canonicalJson(body.data)},"prev":${canonicalJson(body.prev)},"seq":${canonicalJson(body.seq)}`;
  if (body.step !== undefined) json += `,"step":${canonicalJson(body.step)}`;
  json += `,"ts":${canonicalJson(body.ts)},"type":${canonicalJson(body.type)}}`;
  const event: RunEvent<T> = {
    seq: body.seq,
    ts: body.ts,
    type: body.type,
    ...(body.step === undefined ? {} : { step: body.step }),
    ...(body.attempt === undefined ? {} : { attempt: body.attempt }),
    data: body.data,
    prev: body.prev,
    hash: `sha256:${sha256Hex(json)}`,
  };
  return Object.freeze(event);
}
