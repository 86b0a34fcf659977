import type { EventType, RunEvent } from '../spec/events.js';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './digest.js';

/** Every field of an event except `hash`: what the hash covers. */
export type EventBody<T extends EventType = EventType> = Omit<RunEvent<T>, 'hash'>;

/** `sha256:<hex>` of JCS(event without `hash`). Any `hash` field on the input is ignored. */
export function eventHash(event: EventBody | RunEvent): string {
  const { hash: _ignored, ...body } = event as RunEvent;
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}

/**
 * Seals an event body (any `hash` on it is ignored): returns a deep-frozen copy holding exactly the JSON that was hashed (undefined
 * members dropped, -0 written as 0), plus its `hash`. Later edits to the caller's objects cannot reach it.
 */
export function sealEvent<T extends EventType>(event: EventBody<T>): RunEvent<T> {
  // Strip a stale `hash` a caller may have spread in, so the seal always covers the body alone.
  const { hash: _stale, ...body } = event as RunEvent<T>;
  const canonical = canonicalJson(body);
  const copy = JSON.parse(canonical) as EventBody<T>;
  return deepFreeze({ ...copy, hash: `sha256:${sha256Hex(canonical)}` });
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
