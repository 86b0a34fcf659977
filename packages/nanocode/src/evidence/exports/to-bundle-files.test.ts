import { describe, expect, it } from 'vitest';
import type { RunEvent, RunHeader } from '../../spec/events.js';
import { verifyChain } from '../verify-chain.js';
import { allRuns, exceptionsRun } from './export-runs.test-util.js';
import { EXPORT_FORMATS } from './index.js';
import { toBundleFiles } from './to-bundle-files.js';

const ENVELOPE = {
  payloadType: 'application/vnd.in-toto+json',
  payload: 'e30=',
  signatures: [{ keyid: 'k', sig: 's' }],
};

describe('toBundleFiles', () => {
  it('writes the envelope, header and event lines that verify as a chain again', async () => {
    for (const [name, run] of Object.entries(await allRuns())) {
      const files = toBundleFiles({ envelope: ENVELOPE, header: run.header, events: [...run.events] });
      expect(Object.keys(files).sort(), name).toEqual(['certificate.json', 'events.jsonl', 'header.json']);
      expect(JSON.parse(files['certificate.json'])).toEqual(ENVELOPE);
      const header = JSON.parse(files['header.json']) as RunHeader;
      const lines = files['events.jsonl'].split('\n');
      expect(lines.pop(), name).toBe('');
      const events = lines.map((line) => JSON.parse(line) as RunEvent);
      expect(events, name).toEqual(run.events);
      expect(verifyChain({ header, events }), name).toMatchObject({ ok: true, count: run.events.length });
    }
  });

  it('writes each event as canonical JSON (sorted keys, no spaces)', () => {
    const run = exceptionsRun();
    const first = toBundleFiles({ envelope: ENVELOPE, ...run })['events.jsonl'].split('\n')[0] ?? '';
    expect(first.startsWith('{"data":{')).toBe(true);
    expect(first).not.toContain(': ');
  });

  it('lists the formats the CLI accepts', () => {
    expect(EXPORT_FORMATS).toEqual(['bundle', 'otlp', 'junit', 'sarif', 'html']);
  });
});
