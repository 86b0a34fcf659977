/**
 * A separate writer process for the SQLite concurrency test:
 * `node --import tsx concurrent-writer.test-util.ts <db> <label> <count> <go-file>` opens the store, prints
 * `ready`, waits for `<go-file>` to exist (so both writers start together), then appends `count` log
 * leaves to the shared tenant and `count` events to its own run, one transaction each.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { digestOf, makeEvents, makeHeader } from '../contract/store-fixtures.test-util.js';
import { createSqliteStore } from './create-sqlite-store.js';

const [path, label, count, go] = process.argv.slice(2);
if (path === undefined || label === undefined || count === undefined || go === undefined) {
  throw new Error('usage: concurrent-writer <db> <label> <count> <go-file>');
}
const store = createSqliteStore({ path });
process.stdout.write('ready\n');
while (!existsSync(go)) await sleep(2);
const header = makeHeader({ run_id: `run-${label}` });
const events = makeEvents({ header, started_at: '2026-01-01T00:00:00.000Z', steps: Number(count) });
await store.createRun({ header, started_at: events[0]!.ts });
for (let i = 0; i < Number(count); i++) {
  await store.leaves.append({ tenant: 'shared', leafHash: digestOf(`${label}-${i}`) });
  await store.appendEvents({ run_id: header.run_id, events: events.slice(i, i + 1) });
}
await store.appendEvents({ run_id: header.run_id, events });
await store.close();
