import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './events.js';

// The playground restates the wire contract instead of importing the library; this keeps them in step.
const spec = readFileSync(new URL('../../../nanocode/src/spec/events.ts', import.meta.url), 'utf8');

describe('EVENT_TYPES', () => {
  it('lists the event types of spec/events.ts, in order', () => {
    const list = /export const EVENT_TYPES = \[([^\]]*)\]/.exec(spec)?.[1] ?? '';
    const types = [...list.matchAll(/'([a-z.]+)'/g)].map((match) => match[1]);
    expect(types.length).toBeGreaterThan(10);
    expect([...EVENT_TYPES]).toEqual(types);
  });

  it('restates the data fields of every event type', () => {
    for (const type of EVENT_TYPES) expect(spec).toContain(`'${type}': {`);
  });
});
