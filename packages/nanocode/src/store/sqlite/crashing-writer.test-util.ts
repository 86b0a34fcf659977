/**
 * A writer that is killed mid-run, for the SQLite crash test:
 * `node --import tsx crashing-writer.test-util.ts <db>` creates run `cut`, appends its events one
 * transaction at a time and prints `appended <n>` after each, never reaching `run.completed` on its own:
 * it waits after the fourth event for the test to kill it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { makeEvents, makeHeader } from '../contract/store-fixtures.test-util.js';
import { createSqliteStore } from './create-sqlite-store.js';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: crashing-writer <db>');
const store = createSqliteStore({ path });
const header = makeHeader({ run_id: 'cut' });
const events = makeEvents({ header, started_at: '2026-01-01T00:00:00.000Z', steps: 3, outcome: 'certified' });
await store.createRun({ header, started_at: events[0]!.ts });
for (let i = 0; i < 4; i++) {
  await store.appendEvents({ run_id: 'cut', events: [events[i]!] });
  process.stdout.write(`appended ${i + 1}\n`);
}
await sleep(60_000);
