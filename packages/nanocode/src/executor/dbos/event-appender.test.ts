import { describe, expect, it } from 'vitest';
import { makeEvents, makeHeader } from '../../store/contract/store-fixtures.test-util.js';
import { createMemoryStore } from '../../store/memory/create-memory-store.js';
import { createEventAppender } from './event-appender.js';

const T0 = '2026-01-01T00:00:00.000Z';

describe('createEventAppender', () => {
  it('creates the run and stores every pushed event in order', async () => {
    const store = createMemoryStore();
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'certified' });
    const appender = createEventAppender({ store, header });
    for (const event of events) appender.push(event);
    await appender.flush();
    expect((await store.getRun({ run_id: 'r1' }))?.events).toEqual(events);
  });

  it('lets a resumed execution write the same events again, and continue past them', async () => {
    const store = createMemoryStore();
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'certified' });
    const first = createEventAppender({ store, header });
    for (const event of events.slice(0, 4)) first.push(event);
    await first.flush();
    const second = createEventAppender({ store, header });
    for (const event of events) second.push(event);
    await second.flush();
    expect((await store.getRun({ run_id: 'r1' }))?.events).toEqual(events);
  });

  it('fails loudly with NC_EXEC_EVENT_CONFLICT when a re-derived event differs, and stops writing', async () => {
    const store = createMemoryStore();
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'certified' });
    const first = createEventAppender({ store, header });
    for (const event of events.slice(0, 3)) first.push(event);
    await first.flush();
    const other = makeEvents({
      header,
      started_at: '2026-01-02T00:00:00.000Z',
      steps: 2,
      outcome: 'certified',
    });
    const second = createEventAppender({ store, header });
    for (const event of other) second.push(event);
    await expect(second.flush()).rejects.toMatchObject({ code: 'NC_EXEC_EVENT_CONFLICT' });
    expect((await store.getRun({ run_id: 'r1' }))?.events).toEqual(events.slice(0, 3));
  });

  it('retries a store that fails for a moment, and writes nothing after halt', async () => {
    const store = createMemoryStore();
    let failures = 1;
    const flaky = {
      ...store,
      appendEvents: (options: Parameters<typeof store.appendEvents>[0]) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('connection reset'));
        }
        return store.appendEvents(options);
      },
    };
    const header = makeHeader({ run_id: 'r1' });
    const events = makeEvents({ header, started_at: T0, steps: 1, outcome: 'certified' });
    const appender = createEventAppender({ store: flaky, header });
    appender.push(events[0] as (typeof events)[number]);
    await appender.flush();
    appender.halt();
    for (const event of events.slice(1)) appender.push(event);
    await appender.flush();
    expect((await store.getRun({ run_id: 'r1' }))?.events).toEqual(events.slice(0, 1));
  });
});
