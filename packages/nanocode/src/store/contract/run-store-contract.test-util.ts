import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../evidence/canonical-json.js';
import { generateEd25519KeyPair } from '../../evidence/ed25519-signer.js';
import { verifyChain } from '../../evidence/index.js';
import { createTransparencyLog } from '../../evidence/tlog-index.js';
import { verifyLogConsistency, verifyLogInclusion } from '../../evidence/tlog-verify.js';
import type { ErrorCode } from '../../spec/error-codes.js';
import type { RunEvent } from '../../spec/events.js';
import type { ApiKeyRecord, RunStore } from '../../spec/store.js';
import { evalContract } from './eval-contract.test-util.js';
import { policyContract } from './policy-contract.test-util.js';
import { digestOf, makeEvents, makeHeader, realRun } from './store-fixtures.test-util.js';

/** Options for {@link runStoreContract}. */
export interface RunStoreContractOptions {
  /** Shown in the test names. */
  name: string;
  /** A new, empty store for each test; the suite closes it afterwards. */
  create: () => Promise<RunStore>;
}

const T0 = '2026-01-01T00:00:00.000Z';

function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toThrow(expect.objectContaining({ name: 'NanocodeError', code }));
}

/**
 * Registers the vitest suite every {@link RunStore} must pass (DESIGN.md §6): runs, listing, idempotent
 * event appends, byte-identical round trips of a real run, certificates, salts, log leaves (with a
 * transparency log built over them) and checkpoints.
 */
export function runStoreContract(options: RunStoreContractOptions): void {
  describe(`RunStore contract: ${options.name}`, () => {
    let store: RunStore;
    beforeEach(async () => {
      store = await options.create();
    });
    afterEach(async () => {
      await store.close();
    });

    policyContract({ store: () => store });
    evalContract({ store: () => store });

    it('creates a run idempotently and gets it back', async () => {
      const header = makeHeader({ run_id: 'r1', tenant: 'acme', workflow: 'answer', profile: 'dev' });
      expect(store.spec).toBe('nanocode.store/v1');
      expect(await store.getRun({ run_id: 'r1' })).toBeUndefined();
      await store.createRun({ header, started_at: T0 });
      await store.createRun({ header, started_at: at(5) });
      const run = await store.getRun({ run_id: 'r1' });
      expect(run).toEqual({
        summary: {
          run_id: 'r1',
          tenant: 'acme',
          workflow: 'answer',
          workflow_version: '1',
          profile: 'dev',
          outcome: 'running',
          started_at: T0,
          event_count: 0,
        },
        header,
        events: [],
      });
      await rejectsWith(
        store.createRun({ header: makeHeader({ run_id: 'r1', tenant: 'other' }), started_at: T0 }),
        'NC_STORE_CONFLICT',
      );
    });

    it('lists runs newest first, filtered, limited and paged with `before`', async () => {
      const specs = [
        { run_id: 'a', tenant: 't1', workflow: 'w1', minute: 1, outcome: 'certified' as const },
        { run_id: 'b', tenant: 't1', workflow: 'w2', minute: 2, outcome: 'stopped' as const },
        { run_id: 'c', tenant: 't2', workflow: 'w1', minute: 3, outcome: 'certified' as const },
        { run_id: 'd', tenant: 't1', workflow: 'w1', minute: 4 },
        { run_id: 'e', tenant: 't1', workflow: 'w1', minute: 4 },
      ];
      for (const spec of specs) {
        const header = makeHeader({ run_id: spec.run_id, tenant: spec.tenant, workflow: spec.workflow });
        await store.createRun({ header, started_at: at(spec.minute) });
        const events = makeEvents({
          header,
          started_at: at(spec.minute),
          ...('outcome' in spec ? { outcome: spec.outcome } : {}),
        });
        await store.appendEvents({ run_id: spec.run_id, events });
      }
      const ids = async (filter: Parameters<RunStore['listRuns']>[0]) =>
        (await store.listRuns(filter)).map((s) => s.run_id);

      expect(await ids({})).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(await ids({ tenant: 't1' })).toEqual(['e', 'd', 'b', 'a']);
      expect(await ids({ tenant: 't1', workflow: 'w1' })).toEqual(['e', 'd', 'a']);
      expect(await ids({ outcome: 'certified' })).toEqual(['c', 'a']);
      expect(await ids({ tenant: 'nobody' })).toEqual([]);
      expect(await ids({ limit: 2 })).toEqual(['e', 'd']);
      expect(await ids({ before: at(4) })).toEqual(['c', 'b', 'a']);
      expect(await ids({ before: at(3), limit: 1 })).toEqual(['b']);

      const [b] = await store.listRuns({ tenant: 't1', workflow: 'w2' });
      expect(b).toEqual({
        run_id: 'b',
        tenant: 't1',
        workflow: 'w2',
        workflow_version: '1',
        profile: 'default',
        outcome: 'stopped',
        started_at: at(2),
        finished_at: new Date(Date.parse(at(2)) + 3000).toISOString(),
        event_count: 4,
      });
      expect((await store.listRuns({ tenant: 't1' })).find((s) => s.run_id === 'd')).toMatchObject({
        outcome: 'running',
        event_count: 3,
      });
      for (const limit of [0, -1, 1.5]) await rejectsWith(store.listRuns({ limit }), 'NC_STORE_INPUT');
    });

    it('pages runs that share a start time with the `after` key: each exactly once, in order', async () => {
      // Five runs at the same instant between two others: a page boundary falls inside the tie.
      const tied = ['t1', 't2', 't3', 't4', 't5'];
      const specs = [
        { run_id: 'newer', minute: 2 },
        ...tied.map((run_id) => ({ run_id, minute: 1 })),
        { run_id: 'older', minute: 0 },
      ];
      for (const { run_id, minute } of specs) {
        const header = makeHeader({ run_id });
        await store.createRun({ header, started_at: at(minute) });
        const constraints = [{ step: 's0', id: 'short', status: 'violated' as const }];
        const events = makeEvents({ header, started_at: at(minute), outcome: 'certified', constraints });
        await store.appendEvents({ run_id, events });
      }
      const pages = async (filters: Parameters<RunStore['listRuns']>[0]): Promise<string[][]> => {
        const found: string[][] = [];
        let after: { started_at: string; run_id: string } | undefined;
        // Bounded: seven runs in pages of two need four pages and an empty fifth.
        for (let i = 0; i < 10; i++) {
          const page = await store.listRuns({
            ...filters,
            limit: 2,
            ...(after === undefined ? {} : { after }),
          });
          if (page.length === 0) return found;
          found.push(page.map((s) => s.run_id));
          const last = page.at(-1)!;
          after = { started_at: last.started_at, run_id: last.run_id };
        }
        throw new Error('paging did not end');
      };
      const order = ['newer', 't5', 't4', 't3', 't2', 't1', 'older'];
      const walked = await pages({});
      expect(walked).toEqual([order.slice(0, 2), order.slice(2, 4), order.slice(4, 6), order.slice(6)]);
      // Only the tie itself: all five, each once.
      const tiedPages = (await pages({ since: at(1), before: at(2) })).flat();
      expect(tiedPages).toEqual(['t5', 't4', 't3', 't2', 't1']);
      // The same keyset through the constraint index and a tenant filter.
      expect((await pages({ constraint: { id: 'short', status: 'violated' } })).flat()).toEqual(order);
      expect((await pages({ tenant: 'acme', status: 'finished' })).flat()).toEqual(order);
      expect(
        (await store.listRuns({ after: { started_at: at(1), run_id: 't3' } })).map((s) => s.run_id),
      ).toEqual(['t2', 't1', 'older']);
      await rejectsWith(
        store.listRuns({
          after: { started_at: at(1), run_id: 7 } as unknown as { started_at: string; run_id: string },
        }),
        'NC_STORE_INPUT',
      );
    });

    it('filters by time range, status and final constraint status', async () => {
      const specs = [
        {
          run_id: 'a',
          minute: 1,
          outcome: 'certified_with_exceptions' as const,
          constraints: [
            { step: 's0', id: 'short', status: 'violated' as const },
            { step: 's0', id: 'json', status: 'enforced' as const },
          ],
        },
        {
          run_id: 'b',
          minute: 2,
          outcome: 'certified' as const,
          constraints: [
            { step: 's0', id: 'short', status: 'enforced' as const },
            { step: 's1', id: 'short', status: 'violated' as const },
          ],
        },
        { run_id: 'c', minute: 3, outcome: 'certified' as const, constraints: [] },
        { run_id: 'd', minute: 4 },
      ];
      for (const spec of specs) {
        const header = makeHeader({ run_id: spec.run_id });
        await store.createRun({ header, started_at: at(spec.minute) });
        const events = makeEvents({
          header,
          started_at: at(spec.minute),
          steps: 2,
          ...('outcome' in spec ? { outcome: spec.outcome, constraints: spec.constraints } : {}),
        });
        await store.appendEvents({ run_id: spec.run_id, events });
      }
      const ids = async (filter: Parameters<RunStore['listRuns']>[0]) =>
        (await store.listRuns(filter)).map((s) => s.run_id);
      expect(await ids({ since: at(2) })).toEqual(['d', 'c', 'b']);
      expect(await ids({ since: at(2), before: at(4) })).toEqual(['c', 'b']);
      expect(await ids({ status: 'running' })).toEqual(['d']);
      expect(await ids({ status: 'finished' })).toEqual(['c', 'b', 'a']);
      expect(await ids({ constraint: { id: 'short', status: 'violated' } })).toEqual(['b', 'a']);
      expect(await ids({ constraint: { id: 'short', status: 'violated', step: 's0' } })).toEqual(['a']);
      expect(await ids({ constraint: { id: 'short', status: 'enforced' } })).toEqual(['b']);
      expect(await ids({ constraint: { id: 'json', status: 'violated' } })).toEqual([]);
      expect(
        await ids({ constraint: { id: 'short', status: 'violated' }, outcome: 'certified', since: at(2) }),
      ).toEqual(['b']);
      // A run listed once even when several of its steps match.
      expect(await ids({ constraint: { id: 'short', status: 'violated' }, limit: 1 })).toEqual(['b']);
    });

    it('shows a run with events but no run.completed as running, and a failed batch leaves no trace', async () => {
      const header = makeHeader({ run_id: 'cut' });
      const events = makeEvents({ header, started_at: T0, steps: 2, outcome: 'certified' });
      await store.createRun({ header, started_at: T0 });
      await store.appendEvents({ run_id: 'cut', events: events.slice(0, 4) });
      // The batch that would finish the run breaks at its last event: none of it is written.
      const broken = [...events.slice(4, -1), { ...events.at(-1)!, seq: events.length + 3 }];
      await rejectsWith(store.appendEvents({ run_id: 'cut', events: broken }), 'NC_STORE_SEQ');
      const run = await store.getRun({ run_id: 'cut' });
      expect(run?.summary).toMatchObject({ outcome: 'running', event_count: 4 });
      expect(run?.summary.finished_at).toBeUndefined();
      expect(verifyChain({ header, events: run!.events }).ok).toBe(true);
      expect((await store.listRuns({ status: 'running' })).map((s) => s.run_id)).toEqual(['cut']);
      expect(await store.listRuns({ status: 'finished' })).toEqual([]);
    });

    it('returns 50 runs by default and at most the limit asked', async () => {
      for (let i = 0; i < 55; i++) {
        const run_id = `run-${String(i).padStart(2, '0')}`;
        await store.createRun({ header: makeHeader({ run_id }), started_at: at(i) });
      }
      const page = await store.listRuns({});
      expect(page).toHaveLength(50);
      expect(page[0]?.run_id).toBe('run-54');
      expect((await store.listRuns({ limit: 1000 })).length).toBe(55);
      expect((await store.listRuns({ limit: 5000 })).length).toBe(55);
    });

    it('appends events idempotently on (run_id, seq) and rejects conflicts and gaps atomically', async () => {
      const header = makeHeader({ run_id: 'r1' });
      const events = makeEvents({ header, started_at: T0, steps: 3, outcome: 'certified' });
      expect(events).toHaveLength(8);
      await rejectsWith(store.appendEvents({ run_id: 'r1', events }), 'NC_STORE_UNKNOWN_RUN');
      await store.createRun({ header, started_at: T0 });

      await store.appendEvents({ run_id: 'r1', events: events.slice(0, 3) });
      await store.appendEvents({ run_id: 'r1', events: events.slice(0, 3) }); // identical again: no-op
      await store.appendEvents({ run_id: 'r1', events: [] });
      expect((await store.getRun({ run_id: 'r1' }))?.events).toEqual(events.slice(0, 3));

      // A gap: seq 4 after 0..2.
      await rejectsWith(store.appendEvents({ run_id: 'r1', events: events.slice(4, 5) }), 'NC_STORE_SEQ');
      await rejectsWith(
        store.appendEvents({ run_id: 'r1', events: [{ ...events[3]!, seq: -1 }] }),
        'NC_STORE_SEQ',
      );
      // A different event at a stored seq, even when the rest of the batch is new: nothing is written.
      const changed = { ...events[1]!, step: 'other' } as RunEvent;
      await rejectsWith(
        store.appendEvents({ run_id: 'r1', events: [changed, ...events.slice(3)] }),
        'NC_STORE_CONFLICT',
      );
      const tampered = { ...events[2]!, hash: events[1]!.hash };
      await rejectsWith(store.appendEvents({ run_id: 'r1', events: [tampered] }), 'NC_STORE_CONFLICT');
      expect((await store.getRun({ run_id: 'r1' }))?.summary).toMatchObject({
        event_count: 3,
        outcome: 'running',
      });

      // An overlapping batch: stored events are checked and skipped, new ones appended.
      await store.appendEvents({ run_id: 'r1', events: events.slice(1) });
      const run = await store.getRun({ run_id: 'r1' });
      expect(run?.events).toEqual(events);
      expect(run?.summary).toMatchObject({
        event_count: 8,
        outcome: 'certified',
        finished_at: events[7]!.ts,
      });
      expect(verifyChain({ header, events: run!.events })).toMatchObject({ ok: true, count: 8 });
    });

    it('round-trips the events of a real run byte for byte, and the chain verifies', async () => {
      const result = await realRun({ run_id: 'real-1', redacted: false });
      expect(result.events.some((e) => e.type === 'recovery.chosen')).toBe(true);
      await store.createRun({ header: result.header, started_at: result.events[0]!.ts });
      const half = Math.floor(result.events.length / 2);
      await store.appendEvents({ run_id: 'real-1', events: result.events.slice(0, half) });
      await store.appendEvents({ run_id: 'real-1', events: result.events.slice(half) });

      const stored = await store.getRun({ run_id: 'real-1' });
      expect(stored).toBeDefined();
      expect(canonicalJson(stored!.header)).toBe(canonicalJson(result.header));
      expect(stored!.events.map((e) => canonicalJson(e))).toEqual(result.events.map((e) => canonicalJson(e)));
      const original = verifyChain({ header: result.header, events: result.events });
      expect(verifyChain({ header: stored!.header, events: stored!.events })).toEqual(original);
      expect(stored!.summary).toMatchObject({
        outcome: result.outcome,
        event_count: result.events.length,
        finished_at: result.events.at(-1)!.ts,
      });
      // What a caller gets is a copy: changing it does not change the store.
      (stored!.events[0]!.data as { run_id: string }).run_id = 'changed';
      expect((await store.getRun({ run_id: 'real-1' }))!.events[0]).toEqual(result.events[0]);
    });

    it('stores a certificate and its log index once', async () => {
      const header = makeHeader({ run_id: 'r1' });
      const envelope = { payloadType: 'application/vnd.in-toto+json', payload: 'e30=', signatures: [] };
      await rejectsWith(store.putCertificate({ run_id: 'r1', envelope }), 'NC_STORE_UNKNOWN_RUN');
      await store.createRun({ header, started_at: T0 });
      await store.putCertificate({ run_id: 'r1', envelope });
      expect(await store.getRun({ run_id: 'r1' })).toMatchObject({ certificate: envelope });
      expect((await store.getRun({ run_id: 'r1' }))?.log_index).toBeUndefined();
      await store.putCertificate({ run_id: 'r1', envelope, log_index: 7 });
      await store.putCertificate({ run_id: 'r1', envelope });
      expect(await store.getRun({ run_id: 'r1' })).toMatchObject({ certificate: envelope, log_index: 7 });
      await rejectsWith(
        store.putCertificate({ run_id: 'r1', envelope: { ...envelope, payload: 'e3x9' } }),
        'NC_STORE_CONFLICT',
      );
      await rejectsWith(store.putCertificate({ run_id: 'r1', envelope, log_index: 8 }), 'NC_STORE_CONFLICT');
    });

    it('keeps salts apart: erasing one leaves the events untouched and the chain verifiable', async () => {
      const result = await realRun({ run_id: 'real-2', redacted: true });
      expect(Object.keys(result.salts)).toContain('input/customer.email');
      await store.createRun({ header: result.header, started_at: result.events[0]!.ts });
      await store.appendEvents({ run_id: 'real-2', events: result.events });
      await rejectsWith(store.putSalts({ run_id: 'nope', salts: result.salts }), 'NC_STORE_UNKNOWN_RUN');
      await store.putSalts({ run_id: 'real-2', salts: result.salts });
      await store.putSalts({ run_id: 'real-2', salts: result.salts });
      expect(await store.getSalts({ run_id: 'real-2' })).toEqual(result.salts);
      expect(await store.getSalts({ run_id: 'nope' })).toEqual({});
      await rejectsWith(
        store.putSalts({ run_id: 'real-2', salts: { 'input/customer.email': 'ff' } }),
        'NC_STORE_CONFLICT',
      );

      const before = (await store.getRun({ run_id: 'real-2' }))!;
      expect(await store.eraseSalt({ run_id: 'real-2', name: 'input/customer.email' })).toBe(true);
      expect(await store.eraseSalt({ run_id: 'real-2', name: 'input/customer.email' })).toBe(false);
      expect(await store.eraseSalt({ run_id: 'nope', name: 'x' })).toBe(false);
      const { 'input/customer.email': _erased, ...rest } = result.salts;
      expect(await store.getSalts({ run_id: 'real-2' })).toEqual(rest);
      const after = (await store.getRun({ run_id: 'real-2' }))!;
      expect(after.events.map((e) => canonicalJson(e))).toEqual(before.events.map((e) => canonicalJson(e)));
      expect(verifyChain({ header: after.header, events: after.events }).ok).toBe(true);
    });

    it('appends and reads log leaves per tenant, rejecting ranges outside the list', async () => {
      const { leaves } = store;
      expect(leaves.specificationVersion).toBe('v1');
      const leaf = digestOf('a0');
      expect(await leaves.append({ tenant: 'a', leafHash: leaf })).toBe(0);
      expect(await leaves.append({ tenant: 'a', leafHash: digestOf('a1') })).toBe(1);
      expect(await leaves.append({ tenant: 'b', leafHash: digestOf('b0') })).toBe(0);
      leaf.fill(9);
      expect(await leaves.size({ tenant: 'a' })).toBe(2);
      expect(await leaves.size({ tenant: 'none' })).toBe(0);
      const got = await leaves.get({ tenant: 'a', start: 0, end: 2 });
      expect(got).toEqual([digestOf('a0'), digestOf('a1')]);
      expect(got[0]).toBeInstanceOf(Uint8Array);
      got[0]!.fill(7);
      expect(await leaves.get({ tenant: 'a', start: 1, end: 2 })).toEqual([digestOf('a1')]);
      expect(await leaves.get({ tenant: 'a', start: 0, end: 1 })).toEqual([digestOf('a0')]);
      expect(await leaves.get({ tenant: 'a', start: 2, end: 2 })).toEqual([]);
      expect(await leaves.get({ tenant: 'none', start: 0, end: 0 })).toEqual([]);
      for (const [start, end] of [
        [0, 3],
        [-1, 1],
        [2, 1],
        [0.5, 1],
      ] as const) {
        await rejectsWith(leaves.get({ tenant: 'a', start, end }), 'NC_EVIDENCE_LOG_RANGE');
      }
    });

    it('backs a transparency log whose inclusion and consistency proofs verify', async () => {
      const origin = 'log.nanocode.test';
      const { private_key_pem } = generateEd25519KeyPair();
      const log = createTransparencyLog({
        origin,
        store: store.leaves,
        signer: { name: origin, privateKeyPem: private_key_pem },
      });
      for (let i = 0; i < 3; i++) await log.append({ tenant: 'acme', certificateDigest: digestOf(`c${i}`) });
      const older = await log.checkpoint({ tenant: 'acme' });
      for (let i = 3; i < 7; i++) await log.append({ tenant: 'acme', certificateDigest: digestOf(`c${i}`) });
      const newer = await log.checkpoint({ tenant: 'acme' });
      await store.putCheckpoint({ tenant: 'acme', size: 3, note: older });
      await store.putCheckpoint({ tenant: 'acme', size: 7, note: newer });

      const checkpoint = (await store.getCheckpoint({ tenant: 'acme' }))!.note;
      const tenantOrigin = log.originFor({ tenant: 'acme' });
      const inclusion = await log.proveInclusion({ tenant: 'acme', index: 4 });
      const check = {
        checkpoint,
        verifiers: [log.verifierKey],
        origin: tenantOrigin,
        index: 4,
        proof: inclusion.proof,
      };
      expect(verifyLogInclusion({ ...check, certificateDigest: digestOf('c4') })).toEqual({ ok: true });
      expect(verifyLogInclusion({ ...check, certificateDigest: digestOf('c5') }).ok).toBe(false);
      const consistency = await log.proveConsistency({ tenant: 'acme', size1: 3, size2: 7 });
      const stored = (await store.getCheckpoint({ tenant: 'acme', size: 3 }))!.note;
      expect(
        verifyLogConsistency({
          older: stored,
          newer: checkpoint,
          verifiers: [log.verifierKey],
          origin: tenantOrigin,
          proof: consistency.proof,
        }),
      ).toEqual({ ok: true });
    });

    it('keeps checkpoints per tenant and size, returning the latest by default', async () => {
      expect(await store.getCheckpoint({ tenant: 'acme' })).toBeUndefined();
      await store.putCheckpoint({ tenant: 'acme', size: 1, note: 'one\n' });
      await store.putCheckpoint({ tenant: 'acme', size: 10, note: 'ten\n' });
      await store.putCheckpoint({ tenant: 'acme', size: 2, note: 'two\n' });
      await store.putCheckpoint({ tenant: 'acme', size: 2, note: 'two\n' });
      await store.putCheckpoint({ tenant: 'other', size: 99, note: 'other\n' });
      expect(await store.getCheckpoint({ tenant: 'acme' })).toEqual({ size: 10, note: 'ten\n' });
      expect(await store.getCheckpoint({ tenant: 'acme', size: 2 })).toEqual({ size: 2, note: 'two\n' });
      expect(await store.getCheckpoint({ tenant: 'acme', size: 3 })).toBeUndefined();
      expect(await store.getCheckpoint({ tenant: 'nobody', size: 2 })).toBeUndefined();
      await rejectsWith(
        store.putCheckpoint({ tenant: 'acme', size: 2, note: 'deux\n' }),
        'NC_STORE_CONFLICT',
      );
    });

    it('stores API keys by hash, lists them per tenant without keys, and revokes once', async () => {
      const key = (id: string, tenant: string, minute: number): ApiKeyRecord => ({
        id,
        tenant,
        role: 'runner',
        hash: `sha256:${id.repeat(64).slice(0, 64)}`,
        prefix: `nck_${id}`,
        created_at: at(minute),
      });
      const a = { ...key('a', 'acme', 2), label: 'ci' };
      const b = { ...key('b', 'acme', 1), role: 'admin' as const };
      const c = { ...key('c', 'other', 3), role: 'auditor' as const };
      expect(await store.listApiKeys({})).toEqual([]);
      for (const k of [a, b, c]) await store.putApiKey({ key: k });
      await store.putApiKey({ key: a });
      expect(await store.findApiKey({ hash: a.hash })).toEqual(a);
      expect(await store.findApiKey({ hash: `sha256:${'f'.repeat(64)}` })).toBeUndefined();
      expect(await store.listApiKeys({})).toEqual([b, a, c]);
      expect(await store.listApiKeys({ tenant: 'acme' })).toEqual([b, a]);
      expect(await store.listApiKeys({ tenant: 'nobody' })).toEqual([]);
      await rejectsWith(store.putApiKey({ key: { ...a, role: 'admin' } }), 'NC_STORE_CONFLICT');
      await rejectsWith(store.putApiKey({ key: { ...c, id: 'd' } }), 'NC_STORE_CONFLICT');

      expect(await store.revokeApiKey({ id: 'a', at: at(9) })).toBe(true);
      expect(await store.revokeApiKey({ id: 'a', at: at(10) })).toBe(false);
      expect(await store.revokeApiKey({ id: 'nope', at: at(10) })).toBe(false);
      // A revoked key is still found, so a caller can tell "revoked" from "unknown".
      expect(await store.findApiKey({ hash: a.hash })).toEqual({ ...a, revoked_at: at(9) });
      const found = await store.findApiKey({ hash: b.hash });
      found!.role = 'auditor';
      expect((await store.findApiKey({ hash: b.hash }))?.role).toBe('admin');
    });
  });
}
